// pp_system_default: the built-in provider, so a store takes orders with no outside account. It
// authorizes at once and captures and refunds locally (the merchant collects the money by hand).
import { randomUUID } from 'node:crypto'
import type {
  InitiatePaymentInput,
  InitiatePaymentResult,
  PaymentAmountInput,
  PaymentCallInput,
  PaymentProvider,
  PaymentResult,
  WebhookActionResult,
} from './provider'

export class SystemPaymentProvider implements PaymentProvider {
  readonly id = 'pp_system_default'

  async initiatePayment(input: InitiatePaymentInput): Promise<InitiatePaymentResult> {
    const id = `sys_${randomUUID()}`
    return { id, status: 'pending', data: { id, amount: input.amount, currency_code: input.currency_code } }
  }

  async updatePayment(input: PaymentAmountInput): Promise<PaymentResult> {
    return { status: 'pending', data: { ...input.data, amount: input.amount } }
  }

  async authorizePayment(input: PaymentCallInput): Promise<PaymentResult> {
    return { status: 'authorized', data: input.data }
  }

  async capturePayment(input: PaymentCallInput & { amount?: number }): Promise<PaymentResult> {
    return { status: 'captured', data: input.data }
  }

  async refundPayment(input: PaymentAmountInput): Promise<PaymentResult> {
    return { status: 'captured', data: input.data }
  }

  async cancelPayment(input: PaymentCallInput): Promise<PaymentResult> {
    return { status: 'canceled', data: input.data }
  }

  async getPaymentStatus(input: PaymentCallInput): Promise<PaymentResult> {
    return { status: 'authorized', data: input.data }
  }

  async getWebhookActionAndData(): Promise<WebhookActionResult> {
    return { action: 'not_supported' }
  }
}
