CREATE TABLE `connections` (
	`provider` text NOT NULL,
	`external_id` text NOT NULL,
	`tenant_id` text NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`sealed_credential` text,
	`key_id` text,
	`details` text,
	`installed_by` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`provider`, `external_id`),
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `connections_tenant_idx` ON `connections` (`tenant_id`,`provider`,`status`);--> statement-breakpoint
CREATE INDEX `connections_provider_status_idx` ON `connections` (`provider`,`status`);--> statement-breakpoint
CREATE TABLE `connect_states` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`principal_id` text NOT NULL,
	`provider` text NOT NULL,
	`created_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`used_at` text
);
