import { Body, Controller, Get, HttpCode, HttpStatus, Post, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { AnyRole, Public } from '../platform/auth/access-policy.decorators';
import { CurrentUser, type AuthenticatedUser } from '../platform/auth/authenticated-user';
import { ProblemThrottlerGuard } from '../platform/throttle/problem-throttler.guard';
import { AuthService } from './auth.service';
import { LoginDto, MeDto, RefreshDto, TokenPairDto } from './dto/auth.dto';

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @Public()
  @HttpCode(HttpStatus.OK)
  @UseGuards(ProblemThrottlerGuard)
  @ApiOkResponse({ type: TokenPairDto })
  @ApiUnauthorizedResponse({ description: 'Wrong email or password (problem+json)' })
  @ApiTooManyRequestsResponse({ description: 'Too many attempts from this address or for this account; see Retry-After' })
  login(@Body() body: LoginDto): Promise<TokenPairDto> {
    return this.auth.login(body);
  }

  @Post('refresh')
  @Public()
  @HttpCode(HttpStatus.OK)
  @UseGuards(ProblemThrottlerGuard)
  @SkipThrottle({ 'login-account': true })
  @ApiOkResponse({ type: TokenPairDto })
  @ApiUnauthorizedResponse({ description: 'Unknown, expired, revoked or reused refresh token (problem+json)' })
  refresh(@Body() body: RefreshDto): Promise<TokenPairDto> {
    return this.auth.refresh(body.refreshToken);
  }

  @Post('logout')
  @Public()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'The session chain of this refresh token is closed' })
  async logout(@Body() body: RefreshDto): Promise<void> {
    await this.auth.logout(body.refreshToken);
  }

  @Get('me')
  @AnyRole()
  @ApiBearerAuth()
  @ApiOkResponse({ type: MeDto })
  me(@CurrentUser() user: AuthenticatedUser): Promise<MeDto> {
    return this.auth.me(user);
  }
}
