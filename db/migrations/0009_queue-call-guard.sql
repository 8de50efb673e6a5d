-- hand-written:
-- SPEC 15: while a customer holds the turn (or is first in line), nobody else's call may
-- ring, and no turn is given while someone's call rings. Start-call and give-turn each run
-- one statement that calls one of these functions. Both take the same transaction-scoped
-- advisory lock keyed by the provider, so a call and a turn for the same provider are
-- serialised across processes; being VOLATILE, the check after the lock reads with a fresh
-- snapshot and so sees whatever the other side committed while this one waited.
CREATE FUNCTION queue_lock_provider(provider uuid) RETURNS void LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended('queue:' || provider::text, 0));
END;
$$;
--> statement-breakpoint
-- True when the customer may ring the provider as far as the line is concerned; otherwise
-- raises 'TWQ01' (the line is reserved for someone else). Called inside start-call's insert.
CREATE FUNCTION queue_lets_call(provider uuid, customer uuid) RETURNS boolean LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  head uuid;
BEGIN
  PERFORM queue_lock_provider(provider);
  SELECT q.customer_id INTO head FROM queue_entries q
    WHERE q.provider_id = provider AND q.status IN ('waiting', 'turn')
    ORDER BY q.status = 'turn' DESC, q.joined_at, q.id LIMIT 1;
  IF head IS NOT NULL AND head <> customer THEN
    RAISE EXCEPTION 'the provider is reserved for the customer first in line' USING ERRCODE = 'TWQ01';
  END IF;
  RETURN true;
END;
$$;
--> statement-breakpoint
-- True when no call rings for the provider, so a turn may be given. Called inside give-turn's update.
CREATE FUNCTION queue_may_give_turn(provider uuid) RETURNS boolean LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  PERFORM queue_lock_provider(provider);
  RETURN NOT EXISTS (SELECT 1 FROM consultation_sessions s WHERE s.provider_id = provider AND s.status = 'ringing');
END;
$$;
