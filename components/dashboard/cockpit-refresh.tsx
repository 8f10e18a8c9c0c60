"use client";
// The big screen keeps itself current: re-renders the server page every `seconds` without a reload.
import { useRouter } from "next/navigation";
import { useEffect } from "react";

export function CockpitRefresh({ seconds = 60 }: { seconds?: number }) {
  const router = useRouter();
  useEffect(() => {
    const timer = window.setInterval(() => router.refresh(), seconds * 1000);
    return () => window.clearInterval(timer);
  }, [router, seconds]);
  return null;
}
