CREATE TABLE `group_members` (
	`tenant_id` text NOT NULL,
	`group_name` text NOT NULL,
	`principal_id` text NOT NULL,
	`created_at` text NOT NULL,
	PRIMARY KEY(`tenant_id`, `group_name`, `principal_id`),
	FOREIGN KEY (`principal_id`) REFERENCES `principals`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `group_members_principal_idx` ON `group_members` (`tenant_id`,`principal_id`);--> statement-breakpoint
CREATE TABLE `policies` (
	`tenant_id` text NOT NULL,
	`version` text NOT NULL,
	`hash` text NOT NULL,
	`name` text NOT NULL,
	`document` text NOT NULL,
	`published_at` text NOT NULL,
	`published_by` text NOT NULL,
	PRIMARY KEY(`tenant_id`, `version`),
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `policies_tenant_hash_idx` ON `policies` (`tenant_id`,`hash`);--> statement-breakpoint
CREATE TABLE `policy_activations` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`version` text NOT NULL,
	`hash` text NOT NULL,
	`reason` text,
	`activated_at` text NOT NULL,
	`activated_by` text NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `policy_activations_tenant_idx` ON `policy_activations` (`tenant_id`,`activated_at`);