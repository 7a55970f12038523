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
--> statement-breakpoint
CREATE TABLE `planner_thread_turns` (
	`tenant_id` text NOT NULL,
	`channel` text NOT NULL,
	`thread_key` text NOT NULL,
	`execution_id` text NOT NULL,
	`idx` integer NOT NULL,
	`role` text NOT NULL,
	`text` text NOT NULL,
	`created_at` text NOT NULL,
	PRIMARY KEY(`tenant_id`, `execution_id`, `idx`)
);
--> statement-breakpoint
CREATE INDEX `planner_thread_turns_thread_idx` ON `planner_thread_turns` (`tenant_id`,`channel`,`thread_key`,`created_at`);
--> statement-breakpoint
CREATE INDEX `planner_thread_turns_created_idx` ON `planner_thread_turns` (`created_at`);
