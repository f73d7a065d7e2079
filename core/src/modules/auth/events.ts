// Events the auth module emits.
export const AuthEvents = {
  identityCreated: 'auth.identity_created',
  passwordReset: 'auth.password_reset',
  passwordUpdated: 'auth.password_updated',
  /**
   * Someone proved they own an email address, each time they do: a verification code confirmed, an
   * emailed sign-in code used, a sign-in with a provider (Google, LinkedIn) that says it verified the
   * email, or a registration completed whose email was verified before. The order
   * module gives such a customer the guest orders placed with that email.
   */
  emailVerified: 'auth.email_verified',
  refreshTokenReused: 'auth.refresh_token_reused',
} as const

/** The data of `auth.email_verified`. */
export interface EmailVerified {
  auth_identity_id: string
  actor_type: string
  /** The customer or user who proved it; null while their registration is not completed. */
  actor_id: string | null
  /** Lower-cased. */
  email: string
}
