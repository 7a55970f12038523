CREATE TABLE `model_token_usage` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`execution_id` text NOT NULL,
	`purpose` text NOT NULL,
	`day` text NOT NULL,
	`tokens` integer NOT NULL,
	`model` text NOT NULL,
	`recorded_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `model_token_usage_tenant_day_idx` ON `model_token_usage` (`tenant_id`,`day`);
