import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ReturnDto } from '@contracts';
import { CurrentCaller, OperatorOnly, type Caller } from '@platform';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { ResolveReturnService } from './resolve-return.service.js';

export class ResolveReturnDto {
  @ApiProperty({
    maxLength: 1000,
    example: '3 extra units arrived by mistake; kept as stock, customer credited for the 20 authorized',
    description: 'What was decided; kept with the return and in the audit log.',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1_000)
  readonly resolution!: string;
}

@ApiTags('ops')
@OperatorOnly()
@Controller('v1/ops/returns')
export class ResolveReturnController {
  constructor(private readonly returns: ResolveReturnService) {}

  @Post(':returnId/resolve')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Settles a return in exception (more received than authorized): it is credited for the authorized quantities (audited as `return_exception.resolved`).',
  })
  @ApiOkResponse({ type: ReturnDto })
  @ApiNotFoundResponse({ description: 'RETURN.NOT_FOUND: no such return.' })
  @ApiConflictResponse({ description: 'RETURN.NOT_IN_EXCEPTION: the return is not in exception.' })
  resolve(@Param('returnId') returnId: string, @Body() body: ResolveReturnDto, @CurrentCaller() caller: Caller): Promise<ReturnDto> {
    return this.returns.resolve(returnId, body.resolution, caller);
  }
}
