ALTER TABLE `capability_grants` ADD `tools` text;--> statement-breakpoint
ALTER TABLE `capability_grants` ADD `channels` text;--> statement-breakpoint
ALTER TABLE `capability_grants` ADD `constraints` text;--> statement-breakpoint
ALTER TABLE `intents` ADD `grant_scope` text;