ALTER TABLE `executions` ADD `head_seq` integer;--> statement-breakpoint
ALTER TABLE `executions` ADD `head_hash` text;--> statement-breakpoint
ALTER TABLE `executions` ADD `payloads_pruned_at` text;
