import { Injectable, type PipeTransform } from '@nestjs/common';
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
