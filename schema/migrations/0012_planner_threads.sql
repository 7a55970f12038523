CREATE TABLE `plan_confirmation_codes` (
	`tenant_id` text NOT NULL,
	`code` text NOT NULL,
	`execution_id` text NOT NULL,
	`plan_digest` text NOT NULL,
	`expires_at` text NOT NULL,
	`created_at` text NOT NULL,
	PRIMARY KEY(`tenant_id`, `code`)
);
--> statement-breakpoint
CREATE INDEX `plan_confirmation_codes_expiry_idx` ON `plan_confirmation_codes` (`expires_at`);
