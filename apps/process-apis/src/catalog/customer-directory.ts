import { Injectable } from '@nestjs/common';
import { SystemApiClient, type CustomerDto } from '@contracts';
import { AppError, UnprocessableError } from '@platform';

/** Customers as the ERP holds them; an unknown customer is the caller's mistake (422), not a missing route. */
@Injectable()
export class CustomerDirectory {
  constructor(private readonly system: SystemApiClient) {}

  async get(customerId: string): Promise<CustomerDto> {
    try {
      return await this.system.getCustomer(customerId);
    } catch (error) {
      if (error instanceof AppError && error.status === 404) {
        throw new UnprocessableError('ORDER.UNKNOWN_CUSTOMER', `Customer ${customerId} does not exist in the ERP.`);
      }
      throw error;
    }
  }

  /** The customer, or undefined when the ERP has none of that number (other failures are thrown). */
  async find(customerId: string): Promise<CustomerDto | undefined> {
    try {
      return await this.system.getCustomer(customerId);
    } catch (error) {
      if (error instanceof AppError && error.status === 404) return undefined;
      throw error;
    }
  }
}
