"use client";

import { ChevronDown, FileCode2, KeyRound, LogOut, ShieldCheck } from "lucide-react";
import Link from "next/link";
import { signOut } from "next-auth/react";
import { DropdownMenu } from "radix-ui";
import { useI18n } from "@/lib/i18n/client";

export interface UserMenuProps {
  name: string;
  unitName: string | null;
  roleLabels: string[];
}

export function UserMenu({ name, unitName, roleLabels }: UserMenuProps) {
  const { t } = useI18n();
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger
        data-testid="user-menu"
        className="flex items-center gap-2 rounded-full py-1 pr-2 pl-1 text-sm hover:bg-slate-100 data-[state=open]:bg-slate-100"
      >
        <span aria-hidden className="grid size-8 place-items-center rounded-full bg-brand-700 text-sm font-semibold text-white">
          {name.slice(-2)}
        </span>
        <span className="hidden text-left leading-tight sm:block">
          <span className="block font-medium text-slate-900">{name}</span>
          <span className="block text-xs text-slate-500">{roleLabels[0]}</span>
        </span>
        <ChevronDown className="size-4 text-slate-400" aria-hidden />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          align="end"
          sideOffset={8}
          className="z-50 w-64 rounded-xl border border-slate-200 bg-white p-2 text-sm shadow-lg"
        >
          <div className="space-y-1 px-2 py-2" data-testid="user-menu-details">
            <div className="font-semibold text-slate-900">{name}</div>
            {unitName && (
              <div className="text-slate-600">
                <span className="text-slate-400">{t("common.unit")}：</span>
                {unitName}
              </div>
            )}
            <div className="text-slate-600">
              <span className="text-slate-400">{t("common.role")}：</span>
              {roleLabels.join("、")}
            </div>
          </div>
          <DropdownMenu.Separator className="my-1 h-px bg-slate-100" />
          <DropdownMenu.Item
            asChild
            className="flex cursor-pointer items-center gap-2 rounded-md px-2 py-2 text-slate-700 outline-none data-[highlighted]:bg-slate-100"
          >
            <Link href="/account/password">
              <KeyRound className="size-4" aria-hidden />
              {t("account.changePassword")}
            </Link>
          </DropdownMenu.Item>
          <DropdownMenu.Item
            asChild
            className="flex cursor-pointer items-center gap-2 rounded-md px-2 py-2 text-slate-700 outline-none data-[highlighted]:bg-slate-100"
          >
            <Link href="/account/security">
              <ShieldCheck className="size-4" aria-hidden />
              {t("account.security")}
            </Link>
          </DropdownMenu.Item>
          <DropdownMenu.Item
            asChild
            className="flex cursor-pointer items-center gap-2 rounded-md px-2 py-2 text-slate-700 outline-none data-[highlighted]:bg-slate-100"
          >
            <Link href="/help/api" data-testid="user-menu-api-docs">
              <FileCode2 className="size-4" aria-hidden />
              {t("apiDocs.menu")}
            </Link>
          </DropdownMenu.Item>
          <DropdownMenu.Separator className="my-1 h-px bg-slate-100" />
          <DropdownMenu.Item
            onSelect={() => signOut({ callbackUrl: "/login" })}
            className="flex cursor-pointer items-center gap-2 rounded-md px-2 py-2 text-slate-700 outline-none data-[highlighted]:bg-slate-100"
          >
            <LogOut className="size-4" aria-hidden />
            {t("common.signOut")}
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
