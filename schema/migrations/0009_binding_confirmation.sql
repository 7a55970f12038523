ALTER TABLE `channel_bindings` ADD `status` text DEFAULT 'pending' NOT NULL;--> statement-breakpoint
ALTER TABLE `channel_bindings` ADD `code_hash` text;--> statement-breakpoint
ALTER TABLE `channel_bindings` ADD `code_expires_at` text;--> statement-breakpoint
ALTER TABLE `channel_bindings` ADD `confirmed_at` text;--> statement-breakpoint
ALTER TABLE `channel_bindings` ADD `installation_id` text;--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_channel_bindings` (
	`provider` text NOT NULL,
	`external_id` text NOT NULL,
	`tenant_id` text NOT NULL,
	`created_at` text NOT NULL,
	`grant_scope` text,
	`status` text DEFAULT 'pending' NOT NULL,
	`code_hash` text,
	`code_expires_at` text,
	`confirmed_at` text,
	`installation_id` text,
	PRIMARY KEY(`provider`, `external_id`, `tenant_id`),
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_channel_bindings`("provider", "external_id", "tenant_id", "created_at", "grant_scope", "status", "code_hash", "code_expires_at", "confirmed_at", "installation_id") SELECT "provider", "external_id", "tenant_id", "created_at", "grant_scope", "status", "code_hash", "code_expires_at", "confirmed_at", "installation_id" FROM `channel_bindings`;--> statement-breakpoint
DROP TABLE `channel_bindings`;--> statement-breakpoint
ALTER TABLE `__new_channel_bindings` RENAME TO `channel_bindings`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `channel_bindings_confirmed_idx` ON `channel_bindings` (`provider`,`external_id`) WHERE status = 'confirmed';--> statement-breakpoint
CREATE INDEX `channel_bindings_tenant_idx` ON `channel_bindings` (`tenant_id`,`provider`,`external_id`);