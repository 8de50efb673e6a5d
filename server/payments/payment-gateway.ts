import type Stripe from "stripe";

export type CheckoutRequest = {
  paymentId: string;
  userId: string;
  amountMinor: bigint;
  currency: string;
  successUrl: string;
  cancelUrl: string;
};

export type CheckoutSession = { providerRef: string; url: string };

/** A card payment provider. The development twin completes top-ups at once and has no checkout. */
export type PaymentGateway =
  | { name: "development" }
  | {
      name: "stripe";
      createCheckout(request: CheckoutRequest): Promise<CheckoutSession>;
      /** Verifies the signature over the raw body, then decodes; throws invalid_signature. */
      parseWebhookEvent(rawBody: string, signature: string | undefined): Stripe.Event;
    };
