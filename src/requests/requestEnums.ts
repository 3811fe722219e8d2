/**
 * Every member of the request unions, for the schemas that parse stored requests back (the
 * SQLite rows, the Azure blobs). Spelled out as records the compiler checks are complete, so a
 * new status or channel cannot be forgotten here.
 */
import type { DeliveryChannel, DeliveryState, RequestKind, RequestStatus } from './types';

function members<T extends string>(record: Record<T, true>): [T, ...T[]] {
  return Object.keys(record) as [T, ...T[]];
}

export const REQUEST_KINDS = members<RequestKind>({ rights_request: true, dpo_message: true });
export const REQUEST_STATUSES = members<RequestStatus>({ new: true, in_progress: true, answered: true, closed: true });
export const DELIVERY_CHANNELS = members<DeliveryChannel>({ webhook: true, email: true });
export const DELIVERY_STATES = members<DeliveryState['state']>({ pending: true, sending: true, delivered: true, failed: true });
