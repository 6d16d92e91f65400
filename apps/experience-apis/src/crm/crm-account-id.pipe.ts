import { Injectable, type PipeTransform } from '@nestjs/common';
import { CRM_ACCOUNT_ID_PATTERN } from '@contracts';
import { ValidationError } from '@platform';

/** A malformed CRM account id is a 400 at the edge: bad input never goes further. */
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
