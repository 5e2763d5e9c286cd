CREATE TABLE "exposure_case" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"report_id" uuid,
	"hazard_id" uuid,
	"institution_id" uuid,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"category" text NOT NULL,
	"show_institution_name" boolean DEFAULT false NOT NULL,
	"display_name" text NOT NULL,
	"photo_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"outcome" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"created_by_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"approved_by_id" uuid,
	"approved_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exposure_publication_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"action" text NOT NULL,
	"snapshot" jsonb NOT NULL,
	"actor_id" uuid,
	"at" timestamp with time zone NOT NULL,
	"note" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "public_challenge" (
	"id_hash" text PRIMARY KEY NOT NULL,
	"used_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "public_report" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"serial_no" text NOT NULL,
	"receipt_hash" text NOT NULL,
	"institution_id" uuid,
	"place_text" text DEFAULT '' NOT NULL,
	"category" text NOT NULL,
	"description" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"township_id" uuid,
	"office_id" uuid,
	"verdict" text,
	"verdict_note" text DEFAULT '' NOT NULL,
	"rejection_reason" text,
	"rejection_note" text DEFAULT '' NOT NULL,
	"transferred_to" text DEFAULT '' NOT NULL,
	"duplicate_of_id" uuid,
	"hazard_id" uuid,
	"wants_reward" boolean DEFAULT false NOT NULL,
	"contact_ciphertext" text,
	"step_due_at" timestamp with time zone,
	"received_at" timestamp with time zone NOT NULL,
	"accepted_at" timestamp with time zone,
	"verified_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"revision" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "public_report_serial_uq" UNIQUE("serial_no"),
	CONSTRAINT "public_report_receipt_uq" UNIQUE("receipt_hash"),
	CONSTRAINT "public_report_place_ck" CHECK ("public_report"."institution_id" is not null or length("public_report"."place_text") > 0),
	CONSTRAINT "public_report_contact_ck" CHECK (not "public_report"."wants_reward" or "public_report"."contact_ciphertext" is not null)
);
--> statement-breakpoint
CREATE TABLE "public_report_event" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"report_id" uuid NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text,
	"note" text DEFAULT '' NOT NULL,
	"actor_id" uuid,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "public_report_message" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"report_id" uuid NOT NULL,
	"direction" text NOT NULL,
	"body" text NOT NULL,
	"author_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "report_reward" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"report_id" uuid NOT NULL,
	"basis" text NOT NULL,
	"basis_input" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"suggested_fen" bigint NOT NULL,
	"amount_fen" bigint NOT NULL,
	"override_reason" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'proposed' NOT NULL,
	"proposed_by_id" uuid NOT NULL,
	"proposed_at" timestamp with time zone NOT NULL,
	"approved_by_id" uuid,
	"approved_at" timestamp with time zone,
	"claim_deadline" timestamp with time zone,
	"claimed_at" timestamp with time zone,
	"paid_at" timestamp with time zone,
	"payment_ref" text DEFAULT '' NOT NULL,
	"paid_by_id" uuid,
	CONSTRAINT "report_reward_report_uq" UNIQUE("report_id"),
	CONSTRAINT "report_reward_amount_ck" CHECK ("report_reward"."suggested_fen" >= 0 and "report_reward"."amount_fen" >= 0)
);
--> statement-breakpoint
ALTER TABLE "attachment" ALTER COLUMN "owner_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "exposure_case" ADD CONSTRAINT "exposure_case_report_id_public_report_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."public_report"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exposure_case" ADD CONSTRAINT "exposure_case_hazard_id_hazard_id_fk" FOREIGN KEY ("hazard_id") REFERENCES "public"."hazard"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exposure_case" ADD CONSTRAINT "exposure_case_institution_id_institution_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institution"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exposure_case" ADD CONSTRAINT "exposure_case_created_by_id_app_user_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."app_user"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exposure_case" ADD CONSTRAINT "exposure_case_approved_by_id_app_user_id_fk" FOREIGN KEY ("approved_by_id") REFERENCES "public"."app_user"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exposure_publication_log" ADD CONSTRAINT "exposure_publication_log_case_id_exposure_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."exposure_case"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exposure_publication_log" ADD CONSTRAINT "exposure_publication_log_actor_id_app_user_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "public_report" ADD CONSTRAINT "public_report_institution_id_institution_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institution"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "public_report" ADD CONSTRAINT "public_report_township_id_township_id_fk" FOREIGN KEY ("township_id") REFERENCES "public"."township"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "public_report" ADD CONSTRAINT "public_report_office_id_office_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."office"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "public_report" ADD CONSTRAINT "public_report_hazard_id_hazard_id_fk" FOREIGN KEY ("hazard_id") REFERENCES "public"."hazard"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "public_report_event" ADD CONSTRAINT "public_report_event_report_id_public_report_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."public_report"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "public_report_event" ADD CONSTRAINT "public_report_event_actor_id_app_user_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "public_report_message" ADD CONSTRAINT "public_report_message_report_id_public_report_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."public_report"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "public_report_message" ADD CONSTRAINT "public_report_message_author_id_app_user_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_reward" ADD CONSTRAINT "report_reward_report_id_public_report_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."public_report"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_reward" ADD CONSTRAINT "report_reward_proposed_by_id_app_user_id_fk" FOREIGN KEY ("proposed_by_id") REFERENCES "public"."app_user"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_reward" ADD CONSTRAINT "report_reward_approved_by_id_app_user_id_fk" FOREIGN KEY ("approved_by_id") REFERENCES "public"."app_user"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_reward" ADD CONSTRAINT "report_reward_paid_by_id_app_user_id_fk" FOREIGN KEY ("paid_by_id") REFERENCES "public"."app_user"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "exposure_case_status_idx" ON "exposure_case" USING btree ("status","published_at");--> statement-breakpoint
CREATE INDEX "exposure_publication_log_case_idx" ON "exposure_publication_log" USING btree ("case_id","at");--> statement-breakpoint
CREATE INDEX "public_challenge_expires_idx" ON "public_challenge" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "public_report_status_idx" ON "public_report" USING btree ("status","received_at");--> statement-breakpoint
CREATE INDEX "public_report_township_idx" ON "public_report" USING btree ("township_id","status");--> statement-breakpoint
CREATE INDEX "public_report_institution_idx" ON "public_report" USING btree ("institution_id");--> statement-breakpoint
CREATE INDEX "public_report_event_report_idx" ON "public_report_event" USING btree ("report_id","at");--> statement-breakpoint
CREATE INDEX "public_report_message_report_idx" ON "public_report_message" USING btree ("report_id","created_at");