/**
 * The outbox: every request is written here before the resident hears it was received, and
 * each of its deliveries moves pending → sending → delivered | failed (back to pending on a
 * retry). Nothing is ever deleted. Asynchronous because one implementation (Azure Blob, shared by
 * several instances) goes over the network; the SQLite one resolves at once.
 */
import type { DeliveryChannel, DeliveryState, NewRequest, RequestStatus, StoredRequest } from './types';
import type { DeliveryTarget } from './targets';

/** Names one claim on a delivery; a mark for a claim that has since been taken over does nothing. */
export interface DeliveryClaim {
  reference: string;
  channel: DeliveryChannel;
  /** 1 for the first attempt; a claim counts as an attempt even when the process dies during it. */
  attempt: number;
}

/** A delivery the caller now holds until `leaseUntil`; after that it is due again. */
export interface ClaimedDelivery extends DeliveryClaim {
  request: StoredRequest;
  target: DeliveryTarget;
  leaseUntil: Date;
}

export interface ClaimOptions {
  now: Date;
  limit: number;
  /** How long the claim holds; must outlast one attempt, or a second attempt may overlap it. */
  leaseMs: number;
  /** Only this request's deliveries. */
  reference?: string;
}

export interface ListFilter {
  municipality?: string;
  deliveryState?: DeliveryState['state'];
}

export interface RequestStore {
  /**
   * Allocates the reference and stores the request with one pending delivery per target; durable
   * when it returns. With no target it stores a failed e-mail delivery (NO_CHANNEL_ERROR) instead,
   * so staff see it.
   */
  create(request: NewRequest, targets: readonly DeliveryTarget[]): Promise<StoredRequest>;
  get(reference: string): Promise<StoredRequest | undefined>;
  /** Newest first. */
  list(filter?: ListFilter): Promise<StoredRequest[]>;
  /** Atomically marks due deliveries (pending and due, or sending with an expired lease) as sending. */
  claimDue(options: ClaimOptions): Promise<ClaimedDelivery[]>;
  /** Applies to any claim, current or not: the receiver has the request either way. False if already delivered. */
  markDelivered(claim: DeliveryClaim, at: Date): Promise<boolean>;
  /** These two return false when the claim is no longer current (its lease expired and another took over). */
  markRetry(claim: DeliveryClaim, nextAttemptAt: Date, error: string): Promise<boolean>;
  markFailed(claim: DeliveryClaim, error: string): Promise<boolean>;
  /**
   * Staff send a request again once the cause is fixed: its failed deliveries become pending, due
   * at `now`, attempts from 0, to the targets and under the reference they had (so a receiver that
   * did get it dedupes on the Idempotency-Key). Delivered ones are left alone, and one with no
   * target (NO_CHANNEL_ERROR) stays failed: there is nowhere to send it. The last error stays until
   * the next attempt replaces it. False when nothing was put back.
   */
  requeue(reference: string, now: Date): Promise<boolean>;
  /** Staff move the case on; false for an unknown reference. */
  setStatus(reference: string, status: RequestStatus): Promise<boolean>;
  close(): Promise<void>;
}
