import { Body, Controller, Get, HttpCode, HttpStatus, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../platform/auth/access-policy.decorators';
import { CurrentUser, type AuthenticatedUser } from '../platform/auth/authenticated-user';
import { UuidParam } from '../platform/http/uuid-param';
import { NeedDetailDto, NeedPageDto, NeedQueryDto, NeedTransitionDto } from './dto/need.dto';
import { NeedsService } from './needs.service';

@ApiTags('needs')
@ApiBearerAuth()
@Controller('api/v1/needs')
export class NeedsController {
  constructor(private readonly needs: NeedsService) {}

  @Get()
  @Roles('admin', 'coordinator', 'storekeeper', 'leader')
  @ApiOkResponse({ type: NeedPageDto, description: 'Needs board, sorted by priority score by default' })
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: NeedQueryDto): Promise<NeedPageDto> {
    return this.needs.list(user, query);
  }

  @Get(':id')
  @Roles('admin', 'coordinator', 'storekeeper', 'leader')
  @ApiOkResponse({ type: NeedDetailDto })
  get(@CurrentUser() user: AuthenticatedUser, @UuidParam('id') id: string): Promise<NeedDetailDto> {
    return this.needs.get(user, id);
  }

  @Post(':id/transitions')
  @Roles('admin', 'coordinator', 'storekeeper', 'leader')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: NeedDetailDto, description: 'Moves the need to a new status with a reason (audited)' })
  transition(@CurrentUser() user: AuthenticatedUser, @UuidParam('id') id: string, @Body() body: NeedTransitionDto): Promise<NeedDetailDto> {
    return this.needs.transition(user, id, body);
  }
}
