// Events the auth module emits.
export const AuthEvents = {
  identityCreated: 'auth.identity_created',
  passwordReset: 'auth.password_reset',
  passwordUpdated: 'auth.password_updated',
  emailVerified: 'auth.email_verified',
  refreshTokenReused: 'auth.refresh_token_reused',
} as const
