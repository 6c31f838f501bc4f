/**
 * @module @tensorgrid/sdk
 * The typed client of the coordinator API, used by the CLI, the dashboard and the agents.
 * Actions take `(client, params)`; failures are the typed `BaseError` the coordinator sent.
 */
export { createCoordinatorClient, type CoordinatorClient, type CoordinatorClientOptions, type ClientRequest } from './client';
export { signRequest, hashBody, randomNonce, type SignRequestParams, type SignatureHeaders } from './sign-request';
export { signOperatorAttestation } from './sign-operator-attestation';
export { openSession, type Session, type OpenSessionOptions } from './open-session';
export { getHealth } from './actions/get-health';
export { registerDevice } from './actions/register-device';
export { sendHeartbeat } from './actions/send-heartbeat';
export { listDevices } from './actions/list-devices';
export { getDevice } from './actions/get-device';
