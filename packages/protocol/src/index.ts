/**
 * @module @tensorgrid/protocol
 * The contract between Tensorgrid's processes: zod schemas of every HTTP body and WebSocket
 * message, the error model and the request-signing scheme. Pure: no I/O.
 */
export { ERROR_CODES, ERROR_CODE_LIST, httpStatusOf, isRetryableCode, isErrorCode, type ErrorCode } from './errors/codes';
export { BaseError, isBaseError, type BaseErrorOptions } from './errors/base-error';
export { wireErrorSchema, toWireError, fromWireError, type WireError } from './errors/wire-error';
export { validationError, parseOrThrow } from './errors/validation-error';
export { addressSchema, bytes32Schema, signatureSchema, isoTimeSchema, PROTOCOL_VERSION } from './common';
export { gpuCardSchema, hardwareSchema, gpuModelsOf, type GpuCard, type Hardware } from './hardware';
export { DEVICE_STATES, deviceStateSchema, deviceSchema, type DeviceState, type Device } from './device';
export { SIGNATURE_HEADERS, SIGNATURE_TOLERANCE_S, WS_SIGNED_METHOD, requestDomain, REQUEST_TYPES, OPERATOR_ATTESTATION_TYPES, type SigningDomain } from './auth/request-signing';
export { healthResponseSchema, type HealthResponse } from './http/health';
export {
  operatorAttestationSchema, registerDeviceRequestSchema, registerDeviceResponseSchema, heartbeatRequestSchema,
  heartbeatResponseSchema, listDevicesQuerySchema, listDevicesResponseSchema, deviceIdParamsSchema,
  type OperatorAttestation, type RegisterDeviceRequest, type RegisterDeviceResponse, type HeartbeatRequest,
  type HeartbeatResponse, type ListDevicesQuery, type ListDevicesResponse,
} from './http/devices';
export { clientMessageSchema, serverMessageSchema, type ClientMessage, type ServerMessage } from './ws/messages';
export { heartbeatMessageSchema, heartbeatAckSchema, heartbeatRefusedSchema, type HeartbeatMessage } from './ws/heartbeat-messages';
export { safeJson } from './safe-json';
