import { ApiProperty } from '@nestjs/swagger';

export class WebhookAcceptedDto {
  @ApiProperty({ example: '0b6f3c1e-6c1a-5b7e-9b2a-1f2e3d4c5b6a', description: 'Id of the canonical event (UUID v5 of the native event id).' })
  readonly eventId!: string;
}
