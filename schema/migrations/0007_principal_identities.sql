CREATE TABLE `principal_identities` (
	`tenant_id` text NOT NULL,
	`identity` text NOT NULL,
	`principal_id` text NOT NULL,
	`linked_by` text NOT NULL,
	`linked_at` text NOT NULL,
	PRIMARY KEY(`tenant_id`, `identity`),
	FOREIGN KEY (`principal_id`) REFERENCES `principals`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `principal_identities_principal_idx` ON `principal_identities` (`tenant_id`,`principal_id`);