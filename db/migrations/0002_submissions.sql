CREATE TABLE "notification" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"link" text DEFAULT '' NOT NULL,
	"entity_type" text,
	"entity_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "reminder_log" (
	"assignment_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reminder_log_assignment_id_kind_pk" PRIMARY KEY("assignment_id","kind")
);
--> statement-breakpoint
CREATE TABLE "submission" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"assignment_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"text" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'submitted' NOT NULL,
	"is_late" boolean DEFAULT false NOT NULL,
	"submitted_by_id" uuid NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"reviewed_by_id" uuid,
	"reviewed_at" timestamp with time zone,
	"review_comment" text DEFAULT '' NOT NULL,
	"featured" boolean DEFAULT false NOT NULL,
	"featured_by_id" uuid,
	"featured_at" timestamp with time zone,
	"showcased" boolean DEFAULT false NOT NULL,
	"showcased_by_id" uuid,
	"showcased_at" timestamp with time zone,
	CONSTRAINT "submission_version_ck" CHECK ("submission"."version" >= 1),
	CONSTRAINT "submission_reviewed_ck" CHECK (("submission"."status" = 'submitted') = ("submission"."reviewed_at" is null)),
	CONSTRAINT "submission_featured_ck" CHECK (not "submission"."featured" or "submission"."status" = 'accepted'),
	CONSTRAINT "submission_showcased_ck" CHECK (not "submission"."showcased" or "submission"."status" = 'accepted')
);
--> statement-breakpoint
CREATE TABLE "task_assignment" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"task_id" uuid NOT NULL,
	"campaign_id" uuid NOT NULL,
	"unit_kind" text NOT NULL,
	"township_id" uuid,
	"institution_id" uuid,
	"office_id" uuid,
	"unit_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "task_assignment_unit_uq" UNIQUE NULLS NOT DISTINCT("task_id","unit_kind","township_id","institution_id","office_id"),
	CONSTRAINT "task_assignment_unit_ck" CHECK (("task_assignment"."unit_kind" = 'township' and "task_assignment"."township_id" is not null and "task_assignment"."institution_id" is null and "task_assignment"."office_id" is null)
    or ("task_assignment"."unit_kind" = 'institution' and "task_assignment"."township_id" is not null and "task_assignment"."institution_id" is not null and "task_assignment"."office_id" is null)
    or ("task_assignment"."unit_kind" = 'office' and "task_assignment"."township_id" is null and "task_assignment"."institution_id" is null and "task_assignment"."office_id" is not null))
);
--> statement-breakpoint
ALTER TABLE "notification" ADD CONSTRAINT "notification_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reminder_log" ADD CONSTRAINT "reminder_log_assignment_id_task_assignment_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."task_assignment"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submission" ADD CONSTRAINT "submission_assignment_id_task_assignment_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."task_assignment"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submission" ADD CONSTRAINT "submission_submitted_by_id_app_user_id_fk" FOREIGN KEY ("submitted_by_id") REFERENCES "public"."app_user"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submission" ADD CONSTRAINT "submission_reviewed_by_id_app_user_id_fk" FOREIGN KEY ("reviewed_by_id") REFERENCES "public"."app_user"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submission" ADD CONSTRAINT "submission_featured_by_id_app_user_id_fk" FOREIGN KEY ("featured_by_id") REFERENCES "public"."app_user"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submission" ADD CONSTRAINT "submission_showcased_by_id_app_user_id_fk" FOREIGN KEY ("showcased_by_id") REFERENCES "public"."app_user"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_assignment" ADD CONSTRAINT "task_assignment_task_id_campaign_task_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."campaign_task"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_assignment" ADD CONSTRAINT "task_assignment_campaign_id_campaign_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaign"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_assignment" ADD CONSTRAINT "task_assignment_township_id_township_id_fk" FOREIGN KEY ("township_id") REFERENCES "public"."township"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_assignment" ADD CONSTRAINT "task_assignment_institution_id_institution_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institution"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_assignment" ADD CONSTRAINT "task_assignment_office_id_office_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."office"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "notification_user_idx" ON "notification" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "notification_unread_idx" ON "notification" USING btree ("user_id") WHERE "notification"."read_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "submission_version_uq" ON "submission" USING btree ("assignment_id","version");--> statement-breakpoint
CREATE INDEX "submission_featured_idx" ON "submission" USING btree ("featured");--> statement-breakpoint
CREATE INDEX "submission_showcased_idx" ON "submission" USING btree ("showcased","showcased_at");--> statement-breakpoint
CREATE INDEX "task_assignment_campaign_idx" ON "task_assignment" USING btree ("campaign_id","township_id");--> statement-breakpoint
CREATE INDEX "task_assignment_institution_idx" ON "task_assignment" USING btree ("institution_id");