"use client";

// The ledger table: TanStack Table headless in manual mode. Sorting, paging and visible columns are
// state of the URL (lib/ledger/schemas.ts); the table only renders the server's page and turns
// clicks into new URLs, so every view can be bookmarked and reloaded.
import {
  columnVisibilityFeature,
  rowPaginationFeature,
  rowSortingFeature,
  tableFeatures,
  useTable,
  type ColumnDef,
  type Updater,
} from "@tanstack/react-table";
import { ArrowDown, ArrowUp, ArrowUpDown, Check, ChevronDown, ChevronLeft, ChevronRight, Columns3, Star } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { DropdownMenu, Tooltip } from "radix-ui";
import { Fragment, useMemo, useState, type ReactNode } from "react";
import { cn } from "@/components/ui/cn";
import { useI18n } from "@/lib/i18n/client";
import { formatDate, formatPercent } from "@/lib/i18n/format";
import type { LedgerRow } from "@/lib/ledger/schemas";
import {
  LEDGER_COLUMNS,
  LEDGER_PAGE_SIZES,
  LEDGER_SORTS,
  ledgerHref,
  parseDay,
  taskHref,
  type LedgerColumn,
  type LedgerPageSize,
  type LedgerParams,
  type LedgerSort,
} from "@/lib/ledger/schemas";
import { LightBadge, ProgressBar } from "./light-badge";
import { LightReasonList } from "./light-reasons";

const features = tableFeatures({ rowSortingFeature, columnVisibilityFeature, rowPaginationFeature });

const isSort = (id: string): id is LedgerSort => (LEDGER_SORTS as readonly string[]).includes(id);
const apply = <T,>(updater: Updater<T>, old: T): T => (typeof updater === "function" ? (updater as (old: T) => T)(old) : updater);

export function LedgerTable({
  rows,
  total,
  params,
  asOf = null,
}: {
  rows: LedgerRow[];
  total: number;
  params: LedgerParams;
  /** YYYY-MM-DD when the ledger shows a past day: the task pages open as of that day too */
  asOf?: string | null;
}) {
  const { t, locale } = useI18n();
  const router = useRouter();
  // rows whose reasons are unfolded under them (a tap on the light: touch screens have no hover)
  const [unfolded, setUnfolded] = useState<ReadonlySet<string>>(() => new Set());
  const toggle = (id: string) =>
    setUnfolded((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const go = (overrides: Partial<LedgerParams>) => router.push(ledgerHref(params, overrides), { scroll: false });
  const day = (value: string) => formatDate(parseDay(value) ?? new Date(value), locale);
  const percent = (value: number) => formatPercent(value, locale);

  const columns = useMemo<ColumnDef<typeof features, LedgerRow>[]>(() => {
    const plain = (value: ReactNode) => value ?? t("ledger.task.none");
    const defs: Record<LedgerColumn, { value: (row: LedgerRow) => string | number; cell: (row: LedgerRow) => ReactNode }> = {
      light: {
        value: (row) => row.light ?? "",
        cell: (row) =>
          row.reasons.length > 0 ? (
            <LightWithReasons row={row} unfolded={unfolded.has(row.id)} onToggle={() => toggle(row.id)} />
          ) : (
            <LightBadge light={row.light} label={t(`ledger.lights.${row.light}`)} />
          ),
      },
      code: {
        value: (row) => row.code ?? "",
        cell: (row) => (
          <Link
            href={taskHref(row.id, asOf)}
            className="font-mono text-xs whitespace-nowrap text-brand-700 hover:underline"
            onClick={(event) => event.stopPropagation()}
          >
            {row.code}
          </Link>
        ),
      },
      title: {
        value: (row) => row.title ?? "",
        cell: (row) => (
          <div className="max-w-xs min-w-36">
            <span className="font-medium text-slate-900">{row.title}</span>
            {row.isKey && (
              <span className="ml-1.5 inline-flex translate-y-[-1px] items-center gap-0.5 rounded bg-accent-600/10 px-1 text-[11px] font-medium text-accent-600">
                <Star className="size-3" aria-hidden />
                {t("ledger.key")}
              </span>
            )}
            {row.adjustments > 0 && (
              <span
                className="ml-1.5 inline-flex translate-y-[-1px] items-center rounded bg-sky-600/10 px-1 text-[11px] font-medium text-sky-700"
                data-testid="adjusted-badge"
              >
                {t("ledger.adjusted", { count: row.adjustments })}
              </span>
            )}
          </div>
        ),
      },
      group: {
        value: (row) => row.groupName,
        cell: (row) => (
          <span className="whitespace-nowrap" title={row.groupName}>
            {row.groupShortName}
          </span>
        ),
      },
      leadUnit: {
        value: (row) => row.leadUnitName ?? "",
        cell: (row) => <span className="block max-w-[8.5rem] min-w-24">{row.leadUnitName}</span>,
      },
      cooperatingUnits: {
        value: (row) => row.cooperatingUnits.join("、"),
        cell: (row) => <span className="block max-w-56 text-xs text-slate-600">{plain(row.cooperatingUnits.join("、") || null)}</span>,
      },
      leader: {
        value: (row) => row.leaderName ?? "",
        cell: (row) =>
          row.leaderName ? (
            <span className="whitespace-nowrap" title={row.leaderTitle ?? undefined}>
              {row.leaderName}
            </span>
          ) : (
            <span className="text-slate-400">{t("ledger.task.none")}</span>
          ),
      },
      source: {
        value: (row) => row.source ?? "",
        cell: (row) => <span className="whitespace-nowrap">{t(`ledger.sources.${row.source as "SELF"}`)}</span>,
      },
      status: {
        value: (row) => row.status ?? "",
        cell: (row) => <span className="whitespace-nowrap">{t(`ledger.statuses.${row.status as "ACTIVE"}`)}</span>,
      },
      startDate: { value: (row) => row.startDate ?? "", cell: (row) => <span className="whitespace-nowrap">{day(row.startDate)}</span> },
      dueDate: {
        value: (row) => row.dueDate ?? "",
        cell: (row) => (
          <time dateTime={row.dueDate} title={day(row.dueDate)} className="text-xs whitespace-nowrap tabular-nums">
            {row.dueDate.slice(0, 10)}
          </time>
        ),
      },
      planned: { value: (row) => row.planned ?? "", cell: (row) => <span className="tabular-nums">{percent(row.planned)}</span> },
      actual: {
        value: (row) => row.actual ?? "",
        cell: (row) => (
          <div className="flex items-center gap-1.5">
            <span className="w-9 text-right font-medium text-slate-900 tabular-nums">{percent(row.actual)}</span>
            <ProgressBar
              className="w-12"
              planned={row.planned}
              actual={row.actual}
              light={row.light}
              label={t("ledger.progressTitle", { planned: percent(row.planned), actual: percent(row.actual) })}
            />
          </div>
        ),
      },
      lag: {
        value: (row) => row.lag ?? "",
        cell: (row) =>
          row.lag > 0 ? (
            <span className={cn("tabular-nums", row.lag >= 10 ? "font-medium text-light-red" : "text-slate-700")}>−{row.lag}</span>
          ) : (
            <span className="text-slate-400">0</span>
          ),
      },
    };
    return LEDGER_COLUMNS.map((id): ColumnDef<typeof features, LedgerRow> => ({
      id,
      accessorFn: defs[id].value,
      header: t(`ledger.columns.${id}`),
      cell: ({ row }) => defs[id].cell(row.original),
      enableSorting: isSort(id),
      enableHiding: id !== "code",
    }));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- t and locale identify every label; unfolded and asOf the rest
  }, [t, locale, unfolded, asOf]);

  const sorting = [{ id: params.sort, desc: params.dir === "desc" }];
  const columnVisibility = Object.fromEntries(LEDGER_COLUMNS.map((id) => [id, params.columns.includes(id)]));
  const pagination = { pageIndex: params.page - 1, pageSize: params.size };

  const table = useTable({
    features,
    columns,
    data: rows,
    getRowId: (row) => row.id,
    manualSorting: true,
    manualPagination: true,
    rowCount: total,
    enableSortingRemoval: false,
    state: { sorting, columnVisibility, pagination },
    onSortingChange: (updater) => {
      const next = apply(updater, sorting)[0];
      if (next && isSort(next.id)) go({ sort: next.id, dir: next.desc ? "desc" : "asc", page: 1 });
    },
    onColumnVisibilityChange: (updater) => {
      const next = apply(updater, columnVisibility);
      go({ columns: LEDGER_COLUMNS.filter((id) => next[id] !== false) });
    },
    onPaginationChange: (updater) => {
      const next = apply(updater, pagination);
      go({ page: next.pageIndex + 1, size: next.pageSize as LedgerPageSize });
    },
  });

  const pages = Math.max(1, table.getPageCount());
  const visible = table.getVisibleLeafColumns().length;

  return (
    <Tooltip.Provider delayDuration={250}>
      <div className="space-y-3">
        <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
          <table className="min-w-full divide-y divide-slate-200" data-testid="ledger-table">
            <thead className="bg-slate-50">
              {table.getHeaderGroups().map((group) => (
                <tr key={group.id}>
                  {group.headers.map((header) => {
                    const sorted = header.column.getIsSorted();
                    const label = String(header.column.columnDef.header);
                    return (
                      <th
                        key={header.id}
                        scope="col"
                        aria-sort={
                          sorted === "asc"
                            ? "ascending"
                            : sorted === "desc"
                              ? "descending"
                              : header.column.getCanSort()
                                ? "none"
                                : undefined
                        }
                        className="px-2 py-2.5 text-left text-xs font-semibold tracking-wide whitespace-nowrap text-slate-500"
                      >
                        {header.column.getCanSort() ? (
                          <button
                            type="button"
                            onClick={header.column.getToggleSortingHandler()}
                            title={t("ledger.sortBy", { column: label })}
                            className={cn(
                              "-mx-1 inline-flex items-center gap-1 rounded px-1 py-0.5 hover:bg-slate-200/60",
                              sorted && "text-slate-900",
                            )}
                          >
                            {label}
                            {sorted === "asc" ? (
                              <ArrowUp className="size-3.5" aria-hidden />
                            ) : sorted === "desc" ? (
                              <ArrowDown className="size-3.5" aria-hidden />
                            ) : (
                              <ArrowUpDown className="size-3.5 text-slate-300" aria-hidden />
                            )}
                          </button>
                        ) : (
                          label
                        )}
                      </th>
                    );
                  })}
                </tr>
              ))}
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.length === 0 && (
                <tr>
                  <td colSpan={visible} className="px-4 py-12 text-center text-sm text-slate-400">
                    {t("ledger.empty")}
                  </td>
                </tr>
              )}
              {table.getRowModel().rows.map((row) => {
                const open = unfolded.has(row.id);
                return (
                  <Fragment key={row.id}>
                    <tr
                      onClick={() => router.push(taskHref(row.original.id, asOf))}
                      className={cn("cursor-pointer hover:bg-brand-50/40", open && "border-b-0 bg-brand-50/20")}
                    >
                      {row.getVisibleCells().map((cell) => (
                        <td key={cell.id} className="px-2 py-2 align-middle text-sm text-slate-700">
                          <table.FlexRender cell={cell} />
                        </td>
                      ))}
                    </tr>
                    {/* only while unfolded: the table's rows stay one per task otherwise */}
                    {open && row.original.reasons.length > 0 && (
                      <tr id={reasonsId(row.id)} data-testid="ledger-reasons-row" className="bg-brand-50/20">
                        <td colSpan={visible} className="px-2 pt-0 pb-3">
                          {/* stays in view when the table scrolls sideways on a phone */}
                          <div className="sticky left-2 w-[calc(100vw-4rem)] max-w-2xl rounded-md border border-slate-200 bg-white px-3 py-2">
                            <p className="mb-1 text-xs font-medium text-slate-500">{t("ledger.reasonsTitle")}</p>
                            <LightReasonList light={row.original.light} reasons={row.original.reasons} t={t} locale={locale} />
                          </div>
                        </td>
                      </tr>
                    )}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </div>

        <nav
          aria-label={t("ledger.page", { page: params.page, pages })}
          className="flex flex-wrap items-center justify-between gap-3 text-sm text-slate-500"
        >
          <div className="flex items-center gap-3">
            <span data-testid="ledger-total" data-total={total}>
              {t("ledger.total", { total })} · {t("ledger.page", { page: Math.min(params.page, pages), pages })}
            </span>
            <label className="flex items-center gap-1.5">
              {t("ledger.filters.pageSize")}
              <select
                value={params.size}
                onChange={(event) => table.setPageSize(Number(event.target.value))}
                className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm text-slate-700"
              >
                {LEDGER_PAGE_SIZES.map((size) => (
                  <option key={size} value={size}>
                    {size}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <div className="flex gap-2">
            <PageButton onClick={() => table.previousPage()} disabled={!table.getCanPreviousPage()}>
              <ChevronLeft className="size-4" aria-hidden />
              {t("ledger.previous")}
            </PageButton>
            <PageButton onClick={() => table.nextPage()} disabled={!table.getCanNextPage()}>
              {t("ledger.next")}
              <ChevronRight className="size-4" aria-hidden />
            </PageButton>
          </div>
        </nav>
      </div>
    </Tooltip.Provider>
  );
}

const reasonsId = (id: string) => `ledger-reasons-${id}`;

/**
 * A red or yellow light as a button: hovering or focusing it shows the reasons in a tooltip, a click
 * or a tap unfolds them in a row under the task (announced as expanded or collapsed).
 */
function LightWithReasons({ row, unfolded, onToggle }: { row: LedgerRow; unfolded: boolean; onToggle: () => void }) {
  const { t, locale } = useI18n();
  return (
    <Tooltip.Root>
      <Tooltip.Trigger asChild>
        <button
          type="button"
          aria-expanded={unfolded}
          // the row it controls exists only while unfolded
          aria-controls={unfolded ? reasonsId(row.id) : undefined}
          data-testid="ledger-light-reasons"
          onClick={(event) => {
            // the row itself opens the task
            event.stopPropagation();
            onToggle();
          }}
          className="-m-1 inline-flex items-center gap-0.5 rounded-full p-1 outline-none hover:bg-slate-100 focus-visible:ring-2 focus-visible:ring-brand-600"
        >
          <LightBadge light={row.light} label={t(`ledger.lights.${row.light}`)} />
          <ChevronDown className={cn("size-3.5 text-slate-500 transition-transform", unfolded && "rotate-180")} aria-hidden />
          <span className="sr-only">{t(unfolded ? "ledger.reasonsHide" : "ledger.reasonsShow", { task: row.title })}</span>
        </button>
      </Tooltip.Trigger>
      <Tooltip.Portal>
        <Tooltip.Content
          side="right"
          align="start"
          sideOffset={6}
          collisionPadding={8}
          className="z-50 max-w-sm rounded-lg bg-slate-900 px-3 py-2 shadow-lg"
          data-testid="ledger-reasons-tooltip"
        >
          <p className="mb-1 text-xs font-medium text-slate-300">{t("ledger.reasonsTitle")}</p>
          <LightReasonList light={row.light} reasons={row.reasons} t={t} locale={locale} tone="dark" size="xs" />
          <Tooltip.Arrow className="fill-slate-900" />
        </Tooltip.Content>
      </Tooltip.Portal>
    </Tooltip.Root>
  );
}

function PageButton({ onClick, disabled, children }: { onClick: () => void; disabled: boolean; children: ReactNode }) {
  return (
    <button
      type="button"
      onClick={onClick}
      disabled={disabled}
      className="inline-flex items-center gap-1 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm text-slate-700 hover:bg-slate-50 disabled:border-slate-200 disabled:text-slate-300 disabled:hover:bg-white"
    >
      {children}
    </button>
  );
}

/** The column chooser: a menu of checkboxes, each a new URL. */
export function ColumnChooser({ params }: { params: LedgerParams }) {
  const { t } = useI18n();
  const router = useRouter();
  const toggle = (column: LedgerColumn, on: boolean) => {
    const columns = on ? [...params.columns, column] : params.columns.filter((id) => id !== column);
    router.push(ledgerHref(params, { columns: LEDGER_COLUMNS.filter((id) => columns.includes(id)) }), { scroll: false });
  };
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger className="inline-flex h-9 items-center gap-1.5 rounded-md border border-slate-300 bg-white px-3 text-sm text-slate-700 hover:bg-slate-50">
        <Columns3 className="size-4" aria-hidden />
        {t("ledger.chooseColumns")}
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          align="end"
          sideOffset={4}
          className="z-50 min-w-44 rounded-lg border border-slate-200 bg-white p-1 shadow-lg"
        >
          {LEDGER_COLUMNS.filter((column) => column !== "code").map((column) => (
            <DropdownMenu.CheckboxItem
              key={column}
              checked={params.columns.includes(column)}
              onCheckedChange={(checked) => toggle(column, checked === true)}
              onSelect={(event) => event.preventDefault()}
              className="relative flex cursor-pointer items-center rounded py-1.5 pr-3 pl-7 text-sm text-slate-700 outline-none select-none data-[highlighted]:bg-slate-100"
            >
              <DropdownMenu.ItemIndicator className="absolute left-2 inline-flex">
                <Check className="size-4 text-brand-700" aria-hidden />
              </DropdownMenu.ItemIndicator>
              {t(`ledger.columns.${column}`)}
            </DropdownMenu.CheckboxItem>
          ))}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
