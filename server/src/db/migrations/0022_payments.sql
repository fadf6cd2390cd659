-- 考试缴费 (issue 13 "Payment (adapter)", DOMAIN.md "Exam fee and payment"): the exam fee of each city and the payment
-- orders of exam registrations, paid at the window (现场缴费) or online (the local provider's pay call,
-- or the 统一公共支付平台 gateway), and refunded when a paid registration is cancelled.

-- The fee of a city (city_code as exam_registrations.city_code, e.g. 610400), in fen: the theory part and
-- the skills part priced separately (a city without a skills exam sets 0).
CREATE TABLE exam_fees (
  city_code TEXT PRIMARY KEY,
  theory_fen BIGINT NOT NULL,
  skills_fen BIGINT NOT NULL,
  updated_by BIGINT,
  updated_at BIGINT NOT NULL
);

-- One order per attempt to collect a registration's fee. The amount is fixed from the city's fee when the
-- order is opened (a later change of the fee does not touch it); free_resit = 1 for the one free 补考
-- (amount 0, paid at once). status: unpaid | paid | refunded | cancelled. A registration has at most one
-- live (unpaid or paid) order. provider: local | gateway (where an online payment goes, and so where its
-- refund is sent); method (once paid): window | online | free. Refunds: refund_state pending → done |
-- failed (the gateway's refund request, retried with a backoff), done at once for local and window orders.
-- org_path: the registration's, for the scope of officers.
CREATE TABLE payment_orders (
  id {{ID}},
  order_no TEXT NOT NULL,
  registration_id BIGINT NOT NULL REFERENCES exam_registrations(id),
  id_no TEXT NOT NULL,
  city_code TEXT NOT NULL,
  theory_fen BIGINT NOT NULL,
  skills_fen BIGINT NOT NULL,
  amount_fen BIGINT NOT NULL,
  free_resit INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL,
  provider TEXT NOT NULL,
  method TEXT,
  receipt_no TEXT,
  trade_no TEXT,
  pay_url TEXT,
  paid_at BIGINT,
  paid_by BIGINT,
  paid_by_name TEXT,
  checked_at BIGINT,
  refund_state TEXT,
  refund_no TEXT,
  refund_reason TEXT,
  refund_attempts INTEGER NOT NULL DEFAULT 0,
  refund_next_at BIGINT,
  refund_error TEXT,
  refunded_at BIGINT,
  org_path TEXT {{PATH}} NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX payment_orders_no ON payment_orders(order_no);
CREATE UNIQUE INDEX payment_orders_live ON payment_orders(registration_id) WHERE status IN ('unpaid', 'paid');
CREATE UNIQUE INDEX payment_orders_receipt ON payment_orders(receipt_no);
CREATE INDEX payment_orders_registration ON payment_orders(registration_id, id);
CREATE INDEX payment_orders_person ON payment_orders(id_no, free_resit);
CREATE INDEX payment_orders_unpaid ON payment_orders(status, checked_at);
CREATE INDEX payment_orders_refunds ON payment_orders(refund_state, refund_next_at);

-- The gateway's callbacks: every nonce seen within the replay window (a callback whose nonce is here is a
-- replay and changes nothing), with what became of it. Rows older than twice the window are purged.
CREATE TABLE payment_callbacks (
  nonce TEXT PRIMARY KEY,
  order_no TEXT,
  received_at BIGINT NOT NULL,
  outcome TEXT NOT NULL,
  detail TEXT
);
CREATE INDEX payment_callbacks_at ON payment_callbacks(received_at);
