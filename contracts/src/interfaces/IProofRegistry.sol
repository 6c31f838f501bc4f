// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IProofRegistry
/// @notice Merkle roots that commit the network's off-chain records (usage, verdicts, job traces),
/// one per `(epoch, kind)`, with the URI where their leaves can be fetched; anyone checks a record against them.
interface IProofRegistry {
    /// @notice `root` was committed for `(epoch, kind)`; its leaves are at `uri`.
    event Committed(uint64 indexed epoch, uint8 indexed kind, bytes32 root, string uri);

    /// @notice `(epoch, kind)` already has a root: roots are committed once.
    error ProofRegistryAlreadyCommitted(uint64 epoch, uint8 kind);
    /// @notice A zero root commits nothing.
    error ProofRegistryZeroRoot(uint64 epoch, uint8 kind);
    /// @notice A zero address was given where an account is required.
    error ProofRegistryZeroAddress();

    /// @notice Commits the root of `(epoch, kind)`. ORACLE_ROLE only; once per (epoch, kind).
    /// @param epoch The epoch the records belong to (the caller's unit: hourly block, UTC day...).
    /// @param kind What the records are (e.g. 0 usage, 1 verdicts); the registry does not interpret it.
    /// @param root The Merkle root of the records (OpenZeppelin's sorted-pair hashing).
    /// @param uri Where the leaves can be fetched (explorer URL, IPFS CID...).
    function commit(uint64 epoch, uint8 kind, bytes32 root, string calldata uri) external;

    /// @notice Whether `leaf` (already hashed) is in the root committed for `(epoch, kind)`; false when none was committed.
    function verify(uint64 epoch, uint8 kind, bytes32 leaf, bytes32[] calldata proof) external view returns (bool);

    /// @notice The root committed for `(epoch, kind)` (zero when none), its URI and when it was committed.
    function commitmentOf(uint64 epoch, uint8 kind) external view returns (bytes32 root, string memory uri, uint64 committedAt);
}
