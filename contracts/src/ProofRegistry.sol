// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {IProofRegistry} from "./interfaces/IProofRegistry.sol";

/**
 * @title ProofRegistry
 * @notice Committed Merkle roots `(epoch, kind) -> (root, uri)` of off-chain records, so that
 * anyone can check a usage record or a verdict the explorer shows against the chain.
 */
contract ProofRegistry is IProofRegistry, AccessControl {
    /// @notice The coordinator, which commits roots.
    bytes32 public constant ORACLE_ROLE = keccak256("ORACLE_ROLE");

    struct Commitment {
        bytes32 root;
        uint64 committedAt;
        string uri;
    }

    mapping(uint64 epoch => mapping(uint8 kind => Commitment)) private _commitments;

    /**
     * @notice Deploys the registry.
     * @param admin Gets DEFAULT_ADMIN_ROLE.
     * @param oracle Gets ORACLE_ROLE.
     */
    constructor(address admin, address oracle) {
        if (admin == address(0) || oracle == address(0)) revert ProofRegistryZeroAddress();
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(ORACLE_ROLE, oracle);
    }

    /// @inheritdoc IProofRegistry
    function commit(uint64 epoch, uint8 kind, bytes32 root, string calldata uri) external onlyRole(ORACLE_ROLE) {
        if (root == bytes32(0)) revert ProofRegistryZeroRoot(epoch, kind);
        Commitment storage c = _commitments[epoch][kind];
        if (c.root != bytes32(0)) revert ProofRegistryAlreadyCommitted(epoch, kind);
        c.root = root;
        c.committedAt = uint64(block.timestamp);
        c.uri = uri;
        emit Committed(epoch, kind, root, uri);
    }

    /// @inheritdoc IProofRegistry
    function verify(uint64 epoch, uint8 kind, bytes32 leaf, bytes32[] calldata proof) external view returns (bool) {
        bytes32 root = _commitments[epoch][kind].root;
        if (root == bytes32(0)) return false;
        return MerkleProof.verifyCalldata(proof, root, leaf);
    }

    /// @inheritdoc IProofRegistry
    function commitmentOf(uint64 epoch, uint8 kind) external view returns (bytes32 root, string memory uri, uint64 committedAt) {
        Commitment storage c = _commitments[epoch][kind];
        return (c.root, c.uri, c.committedAt);
    }
}
