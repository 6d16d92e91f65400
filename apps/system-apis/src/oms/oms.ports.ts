import type { OmsOrderDto, OmsTransitionDto, RegisterOmsOrderDto } from '@contracts';

/** The OMS's capabilities, in canonical terms. */
export abstract class OmsOrders {
  /** Idempotent on channelOrderRef: registering the same channel order again answers the order already there. */
  abstract register(order: RegisterOmsOrderDto): Promise<OmsOrderDto>;
  abstract transition(omsOrderId: string, transition: OmsTransitionDto): Promise<OmsOrderDto>;
  /** @throws NotFoundError `OMS.ORDER_NOT_FOUND` */
  abstract get(omsOrderId: string): Promise<OmsOrderDto>;
}
