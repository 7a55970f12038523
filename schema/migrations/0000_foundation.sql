CREATE TABLE `api_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`principal_id` text NOT NULL,
	`name` text NOT NULL,
	`prefix` text NOT NULL,
	`hash` text NOT NULL,
	`expires_at` text,
	`revoked_at` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`principal_id`) REFERENCES `principals`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_keys_prefix_idx` ON `api_keys` (`prefix`);--> statement-breakpoint
CREATE INDEX `api_keys_tenant_idx` ON `api_keys` (`tenant_id`);--> statement-breakpoint
CREATE TABLE `capability_grants` (
	`key_id` text NOT NULL,
	`tenant_id` text NOT NULL,
	`capability` text NOT NULL,
	`created_at` text NOT NULL,
	PRIMARY KEY(`key_id`, `capability`),
	FOREIGN KEY (`key_id`) REFERENCES `api_keys`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `channel_bindings` (
	`provider` text NOT NULL,
	`external_id` text NOT NULL,
	`tenant_id` text NOT NULL,
	`created_at` text NOT NULL,
	PRIMARY KEY(`provider`, `external_id`),
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `executions` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`intent_id` text NOT NULL,
	`plan_id` text,
	`plan_digest` text,
	`status` text NOT NULL,
	`trace_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`completed_at` text
);
--> statement-breakpoint
CREATE INDEX `executions_tenant_idx` ON `executions` (`tenant_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `executions_status_idx` ON `executions` (`tenant_id`,`status`);--> statement-breakpoint
CREATE TABLE `intents` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`channel` text NOT NULL,
	`actor_type` text NOT NULL,
	`actor_id` text NOT NULL,
	`digest` text NOT NULL,
	`body` text NOT NULL,
	`status` text NOT NULL,
	`execution_id` text,
	`source_provider` text,
	`source_item_id` text,
	`source_delivery_id` text,
	`received_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `intents_tenant_idx` ON `intents` (`tenant_id`,`received_at`);--> statement-breakpoint
CREATE INDEX `intents_status_idx` ON `intents` (`status`);--> statement-breakpoint
CREATE UNIQUE INDEX `intents_source_item_idx` ON `intents` (`source_provider`,`source_item_id`);--> statement-breakpoint
CREATE TABLE `principals` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`type` text NOT NULL,
	`display_name` text NOT NULL,
	`channel_identity` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `principals_tenant_idx` ON `principals` (`tenant_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `principals_channel_identity_idx` ON `principals` (`tenant_id`,`channel_identity`);--> statement-breakpoint
CREATE TABLE `tenant_bootstraps` (
	`tenant_id` text PRIMARY KEY NOT NULL,
	`key_id` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `tenants` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `trace_events` (
	`trace_id` text NOT NULL,
	`seq` integer NOT NULL,
	`execution_id` text NOT NULL,
	`tenant_id` text NOT NULL,
	`type` text NOT NULL,
	`at` text NOT NULL,
	`actor_type` text NOT NULL,
	`actor_id` text NOT NULL,
	`session_id` text,
	`capability_source` text,
	`step_id` text,
	`payload_digest` text NOT NULL,
	`payload_ref` text,
	`payload_pruned_at` text,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL,
	PRIMARY KEY(`trace_id`, `seq`)
);
--> statement-breakpoint
CREATE INDEX `trace_events_tenant_idx` ON `trace_events` (`tenant_id`,`execution_id`);--> statement-breakpoint
CREATE TABLE `webhook_deliveries` (
	`provider` text NOT NULL,
	`delivery_id` text NOT NULL,
	`payload_hash` text NOT NULL,
	`status` text NOT NULL,
	`tenant_id` text,
	`received_at` text NOT NULL,
	PRIMARY KEY(`provider`, `delivery_id`)
);
--> statement-breakpoint
CREATE TABLE `webhook_delivery_conflicts` (
	`provider` text NOT NULL,
	`delivery_id` text NOT NULL,
	`payload_hash` text NOT NULL,
	`received_at` text NOT NULL,
	PRIMARY KEY(`provider`, `delivery_id`, `payload_hash`)
);
