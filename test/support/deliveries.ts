import { listDurableObjectIds } from "cloudflare:test";
import { env } from "cloudflare:workers";

/**
 * A webhook acks once its DeliveryRecorderDO holds the delivery; D1 learns of it just after. Tests that read D1
 * after an ack first let every recorder flush its outbox (awaiting any flush under way), instead of sleeping.
 * Returns how many deliveries are still not in D1 (a flush that failed waits for its alarm).
 */
export async function settleDeliveries(): Promise<number> {
  const ids = await listDurableObjectIds(env.DELIVERIES);
  const left = await Promise.all(ids.map((id) => env.DELIVERIES.get(id).flushNow()));
  return left.reduce((a, b) => a + b, 0);
}
