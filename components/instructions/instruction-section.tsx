// A record's 批示 section (the task page, the notice page): its instructions with their answers,
// and for leaders and the office the write button. Server component.
import { MessageSquareQuote } from "lucide-react";
import { Card } from "@/components/ui/card";
import { getTranslator } from "@/lib/i18n/server";
import type { InstructionsOf, InstructionSubjectOption } from "@/lib/instructions/types";
import { InstructionItem } from "./instruction-item";
import { WriteInstructionButton } from "./write-instruction";

export async function InstructionSection({
  data,
  subjects,
  taskTitle,
  taskLeaderName,
  testId = "instruction-section",
}: {
  data: InstructionsOf;
  /** what a new instruction may be on (the first is the default) */
  subjects: InstructionSubjectOption[];
  taskTitle: string;
  taskLeaderName?: string | null;
  testId?: string;
}) {
  const { t } = await getTranslator();
  return (
    <Card className="space-y-4 p-5" data-testid={testId}>
      <section aria-labelledby={`${testId}-title`} className="space-y-4">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 id={`${testId}-title`} className="flex items-center gap-2 font-semibold text-slate-900">
            <MessageSquareQuote className="size-4 text-accent-600" aria-hidden />
            {t("instructions.section.title")}
            {data.rows.length > 0 && <span className="text-sm font-normal text-slate-500">（{data.rows.length}）</span>}
          </h2>
          {data.writer && (
            <WriteInstructionButton writer={data.writer} subjects={subjects} taskTitle={taskTitle} taskLeaderName={taskLeaderName} />
          )}
        </div>
        {data.rows.length === 0 ? (
          <p className="text-sm text-slate-500">{t("instructions.none")}</p>
        ) : (
          <div className="space-y-3">
            {data.rows.map((row) => (
              <InstructionItem key={row.id} row={row} />
            ))}
          </div>
        )}
      </section>
    </Card>
  );
}
