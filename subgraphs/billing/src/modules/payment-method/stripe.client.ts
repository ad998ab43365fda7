import { minorUnits, type ChargeRequest, type ChargeResult, type PaymentProcessor } from './processor.ts';

/** The parts of Stripe's PaymentIntent and error objects we read. */
interface StripePaymentIntent {
  id: string;
  object: 'payment_intent';
  status: string;
  last_payment_error?: { code?: string; message?: string } | null;
}
interface StripeError {
  error: { type?: string; code?: string; decline_code?: string; message?: string; payment_intent?: { id: string } };
}

/**
 * Stripe's PaymentIntents API (https://docs.stripe.com/api/payment_intents/create):
 * a form-encoded POST that creates and confirms the intent off session in one
 * call, with an Idempotency-Key so that a retried request charges once.
 */
export class StripeClient implements PaymentProcessor {
  private readonly baseUrl: string;
  private readonly secretKey: string;
  private readonly timeoutMs: number;

  constructor(options: { baseUrl: string; secretKey: string; timeoutMs: number }) {
    this.baseUrl = options.baseUrl.replace(/\/$/, '');
    this.secretKey = options.secretKey;
    this.timeoutMs = options.timeoutMs;
  }

  async charge(request: ChargeRequest): Promise<ChargeResult> {
    const form = new URLSearchParams({
      amount: String(minorUnits(request.amount)),
      currency: request.currency.toLowerCase(),
      payment_method: request.methodReference,
      confirm: 'true',
      off_session: 'true',
      description: request.description,
    });
    if (request.customerReference) form.set('customer', request.customerReference);
    for (const [key, value] of Object.entries(request.metadata)) form.set(`metadata[${key}]`, value);

    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}/v1/payment_intents`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${this.secretKey}`,
          'content-type': 'application/x-www-form-urlencoded',
          'idempotency-key': request.idempotencyKey,
        },
        body: form.toString(),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      return { ok: false, code: 'network_error', reason: `Stripe unreachable: ${(error as Error).message}`, reference: null };
    }
    const body = (await response.json().catch(() => null)) as StripePaymentIntent | StripeError | null;
    if (response.ok && body && 'object' in body) return intentResult(body);
    const error = body && 'error' in body ? body.error : undefined;
    return {
      ok: false,
      code: error?.decline_code ?? error?.code ?? error?.type ?? `http_${response.status}`,
      reason: error?.message ?? `Stripe answered ${response.status}`,
      reference: error?.payment_intent?.id ?? null,
    };
  }
}

/** Only `succeeded` is money received; bank debits that are still `processing` are not (yet). */
function intentResult(intent: StripePaymentIntent): ChargeResult {
  if (intent.status === 'succeeded') return { ok: true, reference: intent.id };
  return {
    ok: false,
    code: intent.last_payment_error?.code ?? intent.status,
    reason: intent.last_payment_error?.message ?? `payment intent is ${intent.status}, not succeeded`,
    reference: intent.id,
  };
}
