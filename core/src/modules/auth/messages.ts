// What the auth module needs sent (codes, verification, reset links, welcome), and what it needs to
// know of customer accounts. The notification module's `notificationService` sends the messages and
// the customer module's `customerService` keeps the accounts; this module names only these contracts.

export type TransactionalTemplate = 'otp_code' | 'email_verification' | 'password_reset' | 'welcome'

export interface TransactionalMessage {
  template: TransactionalTemplate
  channel: 'email' | 'sms'
  /** An email address or an E.164 phone number. */
  to: string
  /** The template's variables, e.g. `{ code, expires_in_minutes }` or `{ reset_url, token }`. */
  data: Record<string, unknown>
  /** The same key sends once, however often it is asked. */
  idempotency_key: string
  customer_id?: string | null
}

export interface TransactionalSender {
  sendTransactional(message: TransactionalMessage): Promise<unknown>
}

export interface CustomerAccount {
  id: string
  email: string
  phone: string | null
}

export interface CustomerAccounts {
  /** The registered customer (has_account) with this email or phone, if any. */
  findAccount(by: { email?: string; phone?: string }): Promise<CustomerAccount | null>
  createAccount(input: {
    email: string
    first_name?: string | null
    last_name?: string | null
  }): Promise<CustomerAccount>
}
