using M7Sim.Decoding;
using M7Sim.Isa;

namespace M7Sim.Execution;

/// <summary>
/// LDRT/STRT and the byte/halfword forms (Armv7-M ARM A7.7.x "unprivileged"): the access is the offset
/// form's, made with unprivileged permissions whatever the mode (MemU_unpriv), so the MPU and the
/// PPB check it as they would an access from unprivileged Thread mode.
/// </summary>
internal static class LoadStoreUnprivileged
{
    public static void Ldrt(Cpu c, ref DecodedInst d) { c.Bus.UnprivilegedAccess = true; LoadStore.LdrImm(c, ref d); c.Bus.UnprivilegedAccess = false; }
    public static void Ldrbt(Cpu c, ref DecodedInst d) { c.Bus.UnprivilegedAccess = true; LoadStore.LdrbImm(c, ref d); c.Bus.UnprivilegedAccess = false; }
    public static void Ldrht(Cpu c, ref DecodedInst d) { c.Bus.UnprivilegedAccess = true; LoadStore.LdrhImm(c, ref d); c.Bus.UnprivilegedAccess = false; }
    public static void Ldrsbt(Cpu c, ref DecodedInst d) { c.Bus.UnprivilegedAccess = true; LoadStore.LdrsbImm(c, ref d); c.Bus.UnprivilegedAccess = false; }
    public static void Ldrsht(Cpu c, ref DecodedInst d) { c.Bus.UnprivilegedAccess = true; LoadStore.LdrshImm(c, ref d); c.Bus.UnprivilegedAccess = false; }
    public static void Strt(Cpu c, ref DecodedInst d) { c.Bus.UnprivilegedAccess = true; LoadStore.StrImm(c, ref d); c.Bus.UnprivilegedAccess = false; }
    public static void Strbt(Cpu c, ref DecodedInst d) { c.Bus.UnprivilegedAccess = true; LoadStore.StrbImm(c, ref d); c.Bus.UnprivilegedAccess = false; }
    public static void Strht(Cpu c, ref DecodedInst d) { c.Bus.UnprivilegedAccess = true; LoadStore.StrhImm(c, ref d); c.Bus.UnprivilegedAccess = false; }
}
