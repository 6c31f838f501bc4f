// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IJobMarket} from "./interfaces/IJobMarket.sol";
import {VerifierBonds} from "./VerifierBonds.sol";

/**
 * @title JobMarket
 * @notice Tensorgrid's job market (Emeth Round 3 rules with Gensyn-style challenges), in GRID.
 * Requesters escrow a fee per job; a node locks a deposit of the job's gas to accept it; a
 * bonded verifier passes or rejects the submitted result, locking `verifierBond` of its bond per
 * verdict; for `challengeWindow` seconds a pass can be disputed by a whistleblower and a
 * rejection contested by the node, and the referee settles the one disputed step. A verifier
 * proven wrong either way (e.g. one that passed a canary with a planted error) loses the locked
 * bond to the party that proved it.
 * See {IJobMarket} for the state machine. Every payout happens once, on the transition that
 * leaves a state, after the state was written (checks-effects-interactions, non-reentrant).
 * Penalties go to the requester; the verifier fee of a passed job is held until the window
 * closes and is forfeited to the requester if the node is proven wrong.
 */
contract JobMarket is VerifierBonds, AccessControl {
    using SafeERC20 for IERC20;

    /// @notice The coordinator: sets each node's worker count.
    bytes32 public constant ORACLE_ROLE = keccak256("ORACLE_ROLE");
    /// @notice Verifiers: post verdicts on submitted jobs.
    bytes32 public constant VERIFIER_ROLE = keccak256("VERIFIER_ROLE");
    /// @notice The referee: resolves disputes after re-running the one disputed step.
    bytes32 public constant REFEREE_ROLE = keccak256("REFEREE_ROLE");

    uint16 private constant BPS = 10_000;
    uint64 private constant DAY = 86_400;

    /// @notice Paid to the verifier per job: from the fee on success, from the deposit on failure.
    uint256 public immutable verifierFee;
    /// @notice Deposit = gas × depositFactorBps / 10_000.
    uint16 public immutable depositFactorBps;
    /// @notice Share of the deposit lost on timeout.
    uint16 public immutable timeoutPenaltyBps;
    /// @notice Share of the deposit lost on decline.
    uint16 public immutable declinePenaltyBps;
    /// @notice Share of the deposit lost on a failed verification.
    uint16 public immutable failPenaltyBps;
    /// @notice Share of a slashed deposit paid to the whistleblower who proved the node wrong.
    uint16 public immutable bountyBps;
    /// @notice Seconds a passing verdict stays open to disputes.
    uint64 public immutable challengeWindow;
    /// @notice Seconds a submitted job waits for a verdict before anyone may end it unverified.
    uint64 public immutable verificationWindow;
    /// @notice The bond a whistleblower locks with a dispute.
    uint256 public immutable whistleblowerBond;

    /// @notice The number of jobs posted so far (the last job id).
    uint256 public jobCount;

    mapping(uint256 => Job) private _jobs;
    mapping(address => uint32) private _workers;
    mapping(address => uint32) private _running;
    mapping(uint64 => mapping(address => uint256)) private _shares;
    mapping(uint64 => uint256) private _totalShares;

    /**
     * @notice Deploys the market.
     * @param token_ GRID.
     * @param admin Gets DEFAULT_ADMIN_ROLE (grants ORACLE_ROLE, VERIFIER_ROLE, REFEREE_ROLE).
     * @param params Defaults: verifierFee 10 GRID, depositFactorBps 10_000, timeout/decline/fail
     * penalties 2_500 bps each, bountyBps 5_000, challengeWindow 86_400 s, verificationWindow 172_800 s,
     * whistleblowerBond 100 GRID, verifierBond 1_000 GRID.
     */
    constructor(IERC20 token_, address admin, Params memory params) VerifierBonds(token_, params.verifierBond) {
        if (address(token_) == address(0) || admin == address(0)) revert JobMarketZeroAddress();
        _checkBps(params.timeoutPenaltyBps);
        _checkBps(params.declinePenaltyBps);
        _checkBps(params.failPenaltyBps);
        _checkBps(params.bountyBps);
        verifierFee = params.verifierFee;
        depositFactorBps = params.depositFactorBps;
        timeoutPenaltyBps = params.timeoutPenaltyBps;
        declinePenaltyBps = params.declinePenaltyBps;
        failPenaltyBps = params.failPenaltyBps;
        bountyBps = params.bountyBps;
        challengeWindow = params.challengeWindow;
        verificationWindow = params.verificationWindow;
        whistleblowerBond = params.whistleblowerBond;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
    }

    // ------------------------------------------------------------------ requester

    /// @inheritdoc IJobMarket
    function post(bytes32 specHash, uint256 fee, uint256 gas, uint64 deadline) external nonReentrant returns (uint256 jobId) {
        if (fee < verifierFee) revert JobMarketFeeTooLow(fee, verifierFee);
        if (gas == 0) revert JobMarketZeroGas();
        if (deadline <= block.timestamp) revert JobMarketDeadlineInPast(deadline, block.timestamp);
        jobId = ++jobCount;
        Job storage job = _jobs[jobId];
        job.requester = msg.sender;
        job.deadline = deadline;
        job.state = JobState.Open;
        job.specHash = specHash;
        job.fee = fee;
        job.gas = gas;
        _owed += fee;
        emit JobPosted(jobId, msg.sender, specHash, fee, gas, deadline);
        token.safeTransferFrom(msg.sender, address(this), fee);
    }

    /// @inheritdoc IJobMarket
    function cancel(uint256 jobId) external nonReentrant {
        Job storage job = _jobIn(jobId, JobState.Open);
        if (msg.sender != job.requester) revert JobMarketNotRequester(jobId, msg.sender);
        job.state = JobState.Cancelled;
        uint256 fee = job.fee;
        _owed -= fee;
        emit JobCancelled(jobId, msg.sender, fee);
        token.safeTransfer(msg.sender, fee);
    }

    // ------------------------------------------------------------------ node

    /// @inheritdoc IJobMarket
    function accept(uint256 jobId) external nonReentrant {
        Job storage job = _jobIn(jobId, JobState.Open);
        if (block.timestamp > job.deadline) revert JobMarketDeadlinePassed(jobId, job.deadline);
        uint32 running = _running[msg.sender];
        uint32 workers = _workers[msg.sender];
        if (running >= workers) revert JobMarketNodeAtCapacity(msg.sender, running, workers);
        uint256 deposit = (job.gas * depositFactorBps) / BPS;
        _running[msg.sender] = running + 1;
        job.state = JobState.Accepted;
        job.node = msg.sender;
        job.deposit = deposit;
        _owed += deposit;
        emit JobAccepted(jobId, msg.sender, deposit);
        if (deposit > 0) token.safeTransferFrom(msg.sender, address(this), deposit);
    }

    /// @inheritdoc IJobMarket
    function decline(uint256 jobId) external nonReentrant {
        Job storage job = _jobIn(jobId, JobState.Accepted);
        if (msg.sender != job.node) revert JobMarketNotNode(jobId, msg.sender);
        uint256 deposit = job.deposit;
        uint256 penalty = (deposit * declinePenaltyBps) / BPS;
        _running[msg.sender] -= 1;
        job.state = JobState.Open;
        job.node = address(0);
        job.deposit = 0;
        _owed -= deposit;
        address requester = job.requester;
        emit JobDeclined(jobId, msg.sender, penalty, deposit - penalty);
        _pay(requester, penalty);
        _pay(msg.sender, deposit - penalty);
    }

    /// @inheritdoc IJobMarket
    function timeout(uint256 jobId) external nonReentrant {
        Job storage job = _jobIn(jobId, JobState.Accepted);
        if (block.timestamp <= job.deadline) revert JobMarketDeadlineNotPassed(jobId, job.deadline);
        address node = job.node;
        uint256 deposit = job.deposit;
        uint256 fee = job.fee;
        uint256 penalty = (deposit * timeoutPenaltyBps) / BPS;
        _running[node] -= 1;
        job.state = JobState.TimedOut;
        _owed -= deposit + fee;
        emit JobTimedOut(jobId, node, penalty, deposit - penalty, fee);
        _pay(job.requester, fee + penalty);
        _pay(node, deposit - penalty);
    }

    /// @inheritdoc IJobMarket
    function submit(uint256 jobId, bytes32 resultRoot) external nonReentrant {
        Job storage job = _jobIn(jobId, JobState.Accepted);
        if (msg.sender != job.node) revert JobMarketNotNode(jobId, msg.sender);
        if (block.timestamp > job.deadline) revert JobMarketDeadlinePassed(jobId, job.deadline);
        _running[msg.sender] -= 1;
        job.state = JobState.Submitted;
        job.resultRoot = resultRoot;
        job.verifyBy = uint64(block.timestamp) + verificationWindow;
        emit JobSubmitted(jobId, msg.sender, resultRoot);
    }

    // ------------------------------------------------------------------ verification

    /// @inheritdoc IJobMarket
    function verdict(uint256 jobId, bool passed) external onlyRole(VERIFIER_ROLE) nonReentrant {
        Job storage job = _jobIn(jobId, JobState.Submitted);
        _lockVerifierBond(msg.sender);
        job.verifier = msg.sender;
        job.verifyBy = 0;
        uint64 endsAt = uint64(block.timestamp) + challengeWindow;
        job.challengeEndsAt = endsAt;
        if (!passed) {
            job.state = JobState.Rejected;
            emit JobRejected(jobId, msg.sender, endsAt);
            return;
        }
        uint64 day = uint64(block.timestamp / DAY);
        uint256 gas = job.gas;
        job.state = JobState.Passed;
        job.verdictDay = day;
        _shares[day][job.node] += gas;
        _totalShares[day] += gas;
        emit JobVerified(jobId, msg.sender, day, gas, endsAt);
    }

    /// @inheritdoc IJobMarket
    function dispute(uint256 jobId, bytes32 evidence) external nonReentrant {
        Job storage job = _jobIn(jobId, JobState.Passed);
        if (block.timestamp >= job.challengeEndsAt) revert JobMarketChallengeWindowClosed(jobId, job.challengeEndsAt);
        if (msg.sender == job.node) revert JobMarketNodeCannotDispute(jobId);
        uint256 bond = whistleblowerBond;
        job.state = JobState.Disputed;
        job.whistleblower = msg.sender;
        job.evidence = evidence;
        job.bond = bond;
        _owed += bond;
        emit JobDisputed(jobId, msg.sender, evidence, bond);
        if (bond > 0) token.safeTransferFrom(msg.sender, address(this), bond);
    }

    /// @inheritdoc IJobMarket
    function contest(uint256 jobId) external nonReentrant {
        Job storage job = _jobIn(jobId, JobState.Rejected);
        if (msg.sender != job.node) revert JobMarketNotNode(jobId, msg.sender);
        if (block.timestamp >= job.challengeEndsAt) revert JobMarketChallengeWindowClosed(jobId, job.challengeEndsAt);
        job.state = JobState.Contested;
        emit JobContested(jobId, msg.sender);
    }

    /// @inheritdoc IJobMarket
    function resolve(uint256 jobId, bool nodeWrong) external onlyRole(REFEREE_ROLE) nonReentrant {
        Job storage job = _jobs[jobId];
        if (job.state == JobState.Contested) {
            _resolveContest(jobId, job, nodeWrong);
            return;
        }
        job = _jobIn(jobId, JobState.Disputed);
        if (!nodeWrong) {
            emit DisputeResolved(jobId, msg.sender, false, 0, 0);
            _settle(jobId, job);
            return;
        }
        _slashDisputed(jobId, job, true);
    }

    /// @inheritdoc IJobMarket
    function resolveAudit(uint256 jobId) external onlyRole(REFEREE_ROLE) nonReentrant {
        _slashDisputed(jobId, _jobIn(jobId, JobState.Disputed), false);
    }

    /// @dev A disputed job's node proven wrong: its deposit slashed (bounty and bond to the
    /// whistleblower, the rest and the fee to the requester). The passing verifier at fault loses
    /// its locked bond to the whistleblower (the requester gets the whole fee); one that was not
    /// gets its bond released and its fee.
    function _slashDisputed(uint256 jobId, Job storage job, bool verifierAtFault) private {
        uint256 deposit = job.deposit;
        uint256 bounty = (deposit * bountyBps) / BPS;
        uint256 verifierPaid = verifierAtFault ? 0 : verifierFee;
        uint256 requesterPaid = job.fee - verifierPaid + deposit - bounty;
        uint256 bond = job.bond;
        address whistleblower = job.whistleblower;
        job.state = JobState.Slashed;
        _shares[job.verdictDay][job.node] -= job.gas;
        _totalShares[job.verdictDay] -= job.gas;
        _owed -= job.fee + deposit + bond;
        emit DisputeResolved(jobId, msg.sender, true, bounty, requesterPaid);
        uint256 slashed = 0;
        if (verifierAtFault) {
            slashed = _slashVerifier(jobId, job.verifier, whistleblower);
        } else {
            _releaseVerifierBond(job.verifier);
            emit VerifierReleased(jobId, job.verifier, verifierPaid);
        }
        _pay(whistleblower, bounty + bond + slashed);
        _pay(job.requester, requesterPaid);
        _pay(job.verifier, verifierPaid);
    }

    /// @inheritdoc IJobMarket
    function finalize(uint256 jobId) external nonReentrant {
        Job storage job = _jobs[jobId];
        JobState state = job.state;
        if (state != JobState.Rejected) job = _jobIn(jobId, JobState.Passed);
        if (block.timestamp < job.challengeEndsAt) revert JobMarketChallengeWindowOpen(jobId, job.challengeEndsAt);
        if (state == JobState.Rejected) _fail(jobId, job, failPenaltyBps);
        else _settle(jobId, job);
    }

    /// @inheritdoc IJobMarket
    function expireUnverified(uint256 jobId) external nonReentrant {
        Job storage job = _jobIn(jobId, JobState.Submitted);
        uint64 verifyBy = job.verifyBy;
        if (block.timestamp <= verifyBy) revert JobMarketVerificationWindowOpen(jobId, verifyBy);
        uint256 fee = job.fee;
        uint256 deposit = job.deposit;
        address node = job.node;
        job.state = JobState.Unverified;
        job.verifyBy = 0;
        _owed -= fee + deposit;
        emit JobUnverified(jobId, node, deposit, fee);
        _pay(job.requester, fee);
        _pay(node, deposit);
    }

    // ------------------------------------------------------------------ oracle

    /// @inheritdoc IJobMarket
    function setWorkers(address node, uint32 workers) external onlyRole(ORACLE_ROLE) {
        if (node == address(0)) revert JobMarketZeroAddress();
        _workers[node] = workers;
        emit WorkersSet(node, workers);
    }

    // ------------------------------------------------------------------ views

    /// @inheritdoc IJobMarket
    function getJob(uint256 jobId) external view returns (Job memory) {
        return _jobs[jobId];
    }

    /// @inheritdoc IJobMarket
    function stateOf(uint256 jobId) external view returns (JobState) {
        return _jobs[jobId].state;
    }

    /// @inheritdoc IJobMarket
    function workersOf(address node) external view returns (uint32) {
        return _workers[node];
    }

    /// @inheritdoc IJobMarket
    function runningOf(address node) external view returns (uint32) {
        return _running[node];
    }

    /// @inheritdoc IJobMarket
    function sharesOf(uint64 day, address node) external view returns (uint256) {
        return _shares[day][node];
    }

    /// @inheritdoc IJobMarket
    function totalSharesOf(uint64 day) external view returns (uint256) {
        return _totalShares[day];
    }

    // ------------------------------------------------------------------ internal

    /// @dev Pays a passed job: the node gets the fee less the verifier fee, its deposit and any
    /// forfeited bond (a dispute the node won); the verifier gets its fee and its bond back.
    function _settle(uint256 jobId, Job storage job) private {
        uint256 fee = job.fee;
        uint256 deposit = job.deposit;
        uint256 bond = job.bond;
        uint256 nodePaid = fee - verifierFee + deposit + bond;
        address node = job.node;
        address verifier = job.verifier;
        job.state = JobState.Settled;
        _releaseVerifierBond(verifier);
        _owed -= fee + deposit + bond;
        emit JobSettled(jobId, node, nodePaid, verifier, verifierFee);
        _pay(verifier, verifierFee);
        _pay(node, nodePaid);
    }

    /// @dev Closes a rejected job: the verifier is paid from the deposit and gets its bond back,
    /// `penaltyBps` of the deposit (at most what is left) and the whole fee go to the requester,
    /// the rest of the deposit to the node.
    function _fail(uint256 jobId, Job storage job, uint16 penaltyBps) private {
        uint256 deposit = job.deposit;
        uint256 fee = job.fee;
        address verifier = job.verifier;
        uint256 verifierPaid = deposit < verifierFee ? deposit : verifierFee;
        uint256 penalty = (deposit * penaltyBps) / BPS;
        if (penalty > deposit - verifierPaid) penalty = deposit - verifierPaid;
        uint256 nodeRefund = deposit - verifierPaid - penalty;
        job.state = JobState.Failed;
        _releaseVerifierBond(verifier);
        _owed -= deposit + fee;
        emit JobFailed(jobId, verifier, verifierPaid, penalty, nodeRefund, fee);
        _pay(verifier, verifierPaid);
        _pay(job.requester, fee + penalty);
        _pay(job.node, nodeRefund);
    }

    /// @dev A contested rejection after the referee's one-step check. Node wrong: the job fails
    /// and the node loses its whole deposit. Node right: the verifier's locked bond goes to the
    /// node and the job is submitted again, for another verdict.
    function _resolveContest(uint256 jobId, Job storage job, bool nodeWrong) private {
        emit ContestResolved(jobId, msg.sender, nodeWrong);
        if (nodeWrong) {
            _fail(jobId, job, BPS);
            return;
        }
        address verifier = job.verifier;
        address node = job.node;
        job.state = JobState.Submitted;
        job.verifier = address(0);
        job.challengeEndsAt = 0;
        job.verifyBy = uint64(block.timestamp) + verificationWindow;
        _pay(node, _slashVerifier(jobId, verifier, node));
    }

    function _jobIn(uint256 jobId, JobState expected) private view returns (Job storage job) {
        job = _jobs[jobId];
        JobState state = job.state;
        if (state == JobState.None) revert JobMarketJobNotFound(jobId);
        if (state != expected) revert JobMarketWrongState(jobId, state);
    }

    function _checkBps(uint16 bps) private pure {
        if (bps > BPS) revert JobMarketInvalidBps(bps);
    }
}
