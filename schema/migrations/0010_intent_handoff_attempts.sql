ALTER TABLE `intents` ADD `handoff_attempts` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `intents` ADD `handoff_error` text;--> statement-breakpoint
CREATE INDEX `intents_status_age_idx` ON `intents` (`status`,`received_at`);