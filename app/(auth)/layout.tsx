import { Logo } from "@/components/admin-shell/logo";

export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-8 flex justify-center">
          <Logo className="text-lg" />
        </div>
        <main className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200 sm:p-8">{children}</main>
        <p className="mt-6 text-center text-xs text-slate-500">SCIM 2.0 directory for Microsoft Entra ID</p>
      </div>
    </div>
  );
}
