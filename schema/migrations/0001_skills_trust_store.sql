CREATE TABLE `installed_skills` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`skill` text NOT NULL,
	`publisher` text NOT NULL,
	`version` text NOT NULL,
	`status` text NOT NULL,
	`manifest` text NOT NULL,
	`manifest_digest` text NOT NULL,
	`bundle_digest` text NOT NULL,
	`bundle_key` text NOT NULL,
	`signing_key_id` text NOT NULL,
	`installed_at` text NOT NULL,
	`installed_by` text NOT NULL,
	`expires_at` text NOT NULL,
	`disabled_at` text,
	`disabled_reason` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `installed_skills_version_idx` ON `installed_skills` (`tenant_id`,`skill`,`version`);--> statement-breakpoint
CREATE INDEX `installed_skills_status_idx` ON `installed_skills` (`tenant_id`,`status`);--> statement-breakpoint
CREATE INDEX `installed_skills_key_idx` ON `installed_skills` (`tenant_id`,`signing_key_id`);--> statement-breakpoint
CREATE TABLE `skill_revocations` (
	`tenant_id` text NOT NULL,
	`skill` text NOT NULL,
	`version` text NOT NULL,
	`reason` text NOT NULL,
	`revoked_at` text NOT NULL,
	`revoked_by` text NOT NULL,
	PRIMARY KEY(`tenant_id`, `skill`, `version`)
);
--> statement-breakpoint
CREATE TABLE `trusted_publisher_keys` (
	`tenant_id` text NOT NULL,
	`key_id` text NOT NULL,
	`publisher` text NOT NULL,
	`public_key` text NOT NULL,
	`not_before` text NOT NULL,
	`not_after` text NOT NULL,
	`added_at` text NOT NULL,
	`added_by` text NOT NULL,
	`revoked_at` text,
	`revoked_reason` text,
	PRIMARY KEY(`tenant_id`, `key_id`)
);
--> statement-breakpoint
CREATE INDEX `trusted_publisher_keys_publisher_idx` ON `trusted_publisher_keys` (`tenant_id`,`publisher`);