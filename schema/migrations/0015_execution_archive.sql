ALTER TABLE `executions` ADD `archive_key` text;--> statement-breakpoint
ALTER TABLE `executions` ADD `archive_head_seq` integer;--> statement-breakpoint
ALTER TABLE `executions` ADD `archive_head_hash` text;--> statement-breakpoint
ALTER TABLE `executions` ADD `archived_at` text;--> statement-breakpoint
ALTER TABLE `executions` ADD `storage_purged_at` text;--> statement-breakpoint
CREATE INDEX `executions_archive_due_idx` ON `executions` (`updated_at`) WHERE "executions"."storage_purged_at" is null and "executions"."status" in ('succeeded', 'failed', 'cancelled', 'rejected');
