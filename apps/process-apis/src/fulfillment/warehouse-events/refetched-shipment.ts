import { v5 as uuidV5 } from 'uuid';

/** Namespace of the ids of re-fetched shipment events; never change it, or a re-fetch could be applied twice. */
const REFETCHED_SHIPMENT_NAMESPACE = '0b7c6f0e-2a55-4f37-8f3e-6d2f9a41c0d1';

/**
 * The id of the `shipment.confirmed` event reconciliation rebuilds for a WMS outbound order whose own
 * shipment event never arrived: one per outbound order, so however often it is re-fetched the inbox applies
 * it once, and the warehouse events can tell a re-fetched shipment from one the WMS reported itself.
 */
export function refetchedShipmentEventId(wmsOrderId: string): string {
  return uuidV5(`shipment:${wmsOrderId}`, REFETCHED_SHIPMENT_NAMESPACE);
}
