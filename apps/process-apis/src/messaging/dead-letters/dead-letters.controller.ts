import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { DeadLetterDto, DeadLetterPageDto, DiscardDeadLetterDto, ListDeadLettersQueryDto, ReplayDeadLettersDto, ReplayResponseDto } from './dead-letter.dto.js';
import { CurrentCaller, OperatorOnly, type Caller } from '@platform';
import { deadLetterNotFound, DeadLettersService } from './dead-letters.service.js';

@ApiTags('ops')
@OperatorOnly()
@Controller('v1/ops/dead-letters')
export class DeadLettersController {
  constructor(private readonly deadLetters: DeadLettersService) {}

  @Get()
  @ApiOperation({ summary: 'Events a consumer gave up on after its bounded retries, oldest first.' })
  @ApiOkResponse({ type: DeadLetterPageDto })
  async list(@Query() query: ListDeadLettersQueryDto): Promise<DeadLetterPageDto> {
    return DeadLetterPageDto.from(await this.deadLetters.list({ status: query.status, consumer: query.consumer }, query.limit ?? 50, query.cursor));
  }

  @Post('replay')
  @HttpCode(200)
  @ApiOperation({ summary: 'Replays open dead letters through their consumer; an effect already applied is never applied twice.' })
  @ApiOkResponse({ type: ReplayResponseDto })
  @ApiNotFoundResponse({ description: 'An id is unknown (nothing is replayed).' })
  @ApiConflictResponse({ description: 'A dead letter is not open (nothing is replayed).' })
  @ApiUnprocessableEntityResponse({ description: 'Its consumer does not run in this app.' })
  async replay(@Body() body: ReplayDeadLettersDto, @CurrentCaller() caller: Caller): Promise<ReplayResponseDto> {
    return ReplayResponseDto.from(await this.deadLetters.replay(body.ids, caller));
  }

  @Post(':id/discard')
  @HttpCode(200)
  @ApiOperation({ summary: 'Gives up a dead letter, with the reason.' })
  @ApiOkResponse({ type: DeadLetterDto })
  @ApiNotFoundResponse({ description: 'No such dead letter.' })
  @ApiConflictResponse({ description: 'It is not open.' })
  async discard(
    @Param('id', new ParseUUIDPipe({ exceptionFactory: () => deadLetterNotFound(['(not a dead letter id)']) })) id: string,
    @Body() body: DiscardDeadLetterDto,
    @CurrentCaller() caller: Caller,
  ): Promise<DeadLetterDto> {
    return DeadLetterDto.from(await this.deadLetters.discard(id, body.reason, caller));
  }
}
