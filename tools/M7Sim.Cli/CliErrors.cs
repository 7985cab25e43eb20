using M7Sim.Loading;
using M7Sim.Simulation;

namespace M7Sim.Cli;

/// <summary>Turns user errors into one line on stderr and exit code 2; never a stack trace.</summary>
internal static class CliErrors
{
    public static int Guard(string? input, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (ElfFormatException e) { return Fail($"{input}: {e.Message}"); }
        catch (LoadException e) { return Fail($"{input}: {e.Message}"); }
        catch (BoardException e) { return Fail(e.Message); }
        catch (UsageException e) { return Fail(e.Message); }
        catch (FileNotFoundException e) { return Fail($"{e.FileName ?? input}: file not found"); }
        catch (DirectoryNotFoundException) { return Fail($"{input}: file not found"); }
        catch (UnauthorizedAccessException e) { return Fail($"{input}: {e.Message}"); }
    }

    public static int Fail(string message)
    {
        Console.Error.WriteLine($"m7sim: error: {message}");
        return ExitCodes.UsageError;
    }
}

/// <summary>A bad flag value or combination the parser cannot catch.</summary>
internal sealed class UsageException(string message) : Exception(message);
