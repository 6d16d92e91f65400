import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ListReturnsQueryDto, ReturnDto, ReturnOwnerQueryDto, ReturnPageDto } from '@contracts';
import { ReadReturnsService } from './read-returns.service.js';

@ApiTags('returns')
@Controller('v1/returns')
export class ReadReturnsController {
  constructor(private readonly returns: ReadReturnsService) {}

  @Get()
  @ApiOperation({ summary: "A customer's returns (the partner's, when given), newest first; filters by order and status." })
  @ApiOkResponse({ type: ReturnPageDto })
  @ApiBadRequestResponse({ description: 'RETURNS.INVALID_CURSOR: the cursor is not one a previous page returned.' })
  list(@Query() query: ListReturnsQueryDto): Promise<ReturnPageDto> {
    return this.returns.list(query);
  }

  @Get(':returnId')
  @ApiOperation({ summary: 'One return with its lines, receipts (dispositions) and credit.' })
  @ApiOkResponse({ type: ReturnDto })
  @ApiNotFoundResponse({ description: 'RETURN.NOT_FOUND: no such return of this customer (and partner).' })
  get(@Param('returnId') returnId: string, @Query() owner: ReturnOwnerQueryDto): Promise<ReturnDto> {
    return this.returns.get(returnId, owner);
  }
}
