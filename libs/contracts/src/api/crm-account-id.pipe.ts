import { Injectable, type PipeTransform } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { CRM_ACCOUNT_ID_PATTERN } from './account.dto.js';
import { ValidationError } from '@platform';

/** A malformed CRM account id is a 400 naming the parameter, at the edge and in the process layer alike. */
@Injectable()
export class CrmAccountIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!CRM_ACCOUNT_ID_PATTERN.test(value)) {
      throw new ValidationError([
        { field: 'crmAccountId', messages: ['crmAccountId must be 1 to 64 letters, digits, ".", "_" or "-", starting with a letter or digit'] },
      ]);
    }
    return value;
  }
}

/** Documents the `crmAccountId` path parameter as CrmAccountIdPipe checks it (the catalog would otherwise say any string). */
export const ApiCrmAccountIdParam = (): MethodDecorator =>
  ApiParam({
    name: 'crmAccountId',
    schema: { type: 'string', pattern: CRM_ACCOUNT_ID_PATTERN.source },
    description: 'The CRM record id: 1 to 64 letters, digits, ".", "_" or "-", starting with a letter or digit.',
  });
