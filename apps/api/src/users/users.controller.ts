import { Body, Controller, Get, HttpCode, HttpStatus, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../platform/auth/access-policy.decorators';
import { CurrentUser, type AuthenticatedUser } from '../platform/auth/authenticated-user';
import { UuidParam } from '../platform/http/uuid-param';
import { Idempotent } from '../platform/idempotency/idempotent.decorator';
import { CreateUserDto, SetPasswordDto, UpdateUserDto, UserDto, UserPageDto, UserQueryDto } from './dto/user.dto';
import { UsersService } from './users.service';

@ApiTags('admin')
@ApiBearerAuth()
@Controller('api/v1/admin/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Roles('admin')
  @ApiOkResponse({ type: UserPageDto })
  list(@Query() query: UserQueryDto): Promise<UserPageDto> {
    return this.users.list(query);
  }

  @Get(':id')
  @Roles('admin')
  @ApiOkResponse({ type: UserDto })
  get(@UuidParam('id') id: string): Promise<UserDto> {
    return this.users.get(id);
  }

  @Post()
  @Roles('admin')
  @Idempotent()
  @ApiCreatedResponse({ type: UserDto })
  create(@Body() body: CreateUserDto): Promise<UserDto> {
    return this.users.create(body);
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOkResponse({ type: UserDto })
  update(@UuidParam('id') id: string, @Body() body: UpdateUserDto): Promise<UserDto> {
    return this.users.update(id, body);
  }

  @Post(':id/disable')
  @Roles('admin')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: UserDto })
  disable(@CurrentUser() actor: AuthenticatedUser, @UuidParam('id') id: string): Promise<UserDto> {
    return this.users.setStatus(actor, id, 'disabled');
  }

  @Post(':id/enable')
  @Roles('admin')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: UserDto })
  enable(@CurrentUser() actor: AuthenticatedUser, @UuidParam('id') id: string): Promise<UserDto> {
    return this.users.setStatus(actor, id, 'active');
  }

  @Post(':id/password')
  @Roles('admin')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Password replaced; every session of the user ended' })
  async setPassword(@UuidParam('id') id: string, @Body() body: SetPasswordDto): Promise<void> {
    await this.users.setPassword(id, body.password);
  }
}
