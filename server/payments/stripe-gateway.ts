import Stripe from "stripe";
import { AppError } from "../errors.ts";
import type { CheckoutRequest, PaymentGateway } from "./payment-gateway.ts";

export type StripeSettings = { secretKey: string; webhookSecret: string; apiUrl?: string };

function createStripeClient(settings: StripeSettings): Stripe {
  // STRIPE_API_URL points the client at another host speaking Stripe's API (tests use a
  // local one); unset, the library talks to Stripe itself.
  const api = settings.apiUrl ? new URL(settings.apiUrl) : undefined;
  return new Stripe(settings.secretKey, {
    maxNetworkRetries: 2,
    timeout: 15_000,
    ...(api
      ? {
          host: api.hostname,
          port: Number(api.port || (api.protocol === "https:" ? 443 : 80)),
          protocol: api.protocol === "https:" ? "https" : "http",
        }
      : {}),
  });
}

export function createStripeGateway(settings: StripeSettings): PaymentGateway {
  const stripe = createStripeClient(settings);
  return {
    name: "stripe",
    parseWebhookEvent: (rawBody, signature) => verifyStripeEvent(stripe, rawBody, signature, settings.webhookSecret),
    async createCheckout(request: CheckoutRequest) {
      const session = await stripe.checkout.sessions.create(
        {
          mode: "payment",
          client_reference_id: request.paymentId,
          metadata: { paymentId: request.paymentId, userId: request.userId },
          line_items: [
            {
              quantity: 1,
              price_data: {
                currency: request.currency.toLowerCase(),
                unit_amount: Number(request.amountMinor),
                product_data: { name: "Tweeps balance top-up" },
              },
            },
          ],
          success_url: request.successUrl,
          cancel_url: request.cancelUrl,
        },
        // Retries of our own request must not open a second checkout.
        { idempotencyKey: `checkout-${request.paymentId}` },
      );
      if (!session.url) throw new AppError("unavailable", "The payment provider did not return a checkout page.");
      return { providerRef: session.id, url: session.url };
    },
  };
}

/** Checks the signature over the raw body before anything is decoded (400 otherwise). */
function verifyStripeEvent(stripe: Stripe, rawBody: string, signature: string | undefined, secret: string) {
  if (!signature) throw new AppError("invalid_signature", "The Stripe-Signature header is missing.");
  try {
    return stripe.webhooks.constructEvent(rawBody, signature, secret);
  } catch {
    throw new AppError("invalid_signature", "The webhook signature does not match.");
  }
}
