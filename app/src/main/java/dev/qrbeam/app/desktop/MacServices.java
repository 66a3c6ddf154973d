package dev.qrbeam.app.desktop;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * macOS Finder's "Send with QRBeam" (Services / Quick Actions menu on files and folders). The app bundle's
 * Info.plist declares the service ({@code NSServices}, message {@value #MESSAGE}); macOS then calls
 * {@code sendFiles:userData:error:} on NSApp's services provider with the chosen files on a pasteboard. The
 * Java runtime has no such provider, so this registers a tiny Objective-C object through the Objective-C
 * runtime (JNA, already on the class path for the camera driver) that hands the paths to {@code files}.
 * Call once on the FX thread (the AppKit main thread on macOS). Not exercised on a Mac by the test suite,
 * which runs on Linux: the registration data is checked by RegistrationDataTest.
 */
public final class MacServices {
    /** The NSMessage in Info.plist; the selector is {@code sendFiles:userData:error:}. */
    public static final String MESSAGE = "sendFiles";

    /** The callback must stay reachable as long as the process runs, or the runtime would call freed code. */
    private static final List<Object> KEEP_ALIVE = new ArrayList<>();

    private MacServices() {}

    /** Objective-C runtime calls, each {@code objc_msgSend} with a fixed signature (required on arm64). */
    interface ObjC extends Library {
        Pointer objc_getClass(String name);

        Pointer sel_registerName(String name);

        Pointer objc_allocateClassPair(Pointer superclass, String name, NativeLong extraBytes);

        byte class_addMethod(Pointer cls, Pointer selector, Callback imp, String types);

        void objc_registerClassPair(Pointer cls);

        Pointer objc_msgSend(Pointer receiver, Pointer selector);

        Pointer objc_msgSend(Pointer receiver, Pointer selector, Pointer arg);

        Pointer objc_msgSend(Pointer receiver, Pointer selector, String utf8);

        Pointer objc_msgSend(Pointer receiver, Pointer selector, NativeLong index);
    }

    /** {@code objc_msgSend} for methods returning NSUInteger. */
    interface ObjCCount extends Library {
        NativeLong objc_msgSend(Pointer receiver, Pointer selector);
    }

    /** {@code - (void)sendFiles:(NSPasteboard *)pboard userData:(NSString *)data error:(NSString **)error}. */
    interface ServiceMethod extends Callback {
        void invoke(Pointer self, Pointer selector, Pointer pasteboard, Pointer userData, Pointer error);
    }

    /** Registers the provider; false when this is not macOS or the runtime refused (Finder's entry then does nothing). */
    public static synchronized boolean register(Consumer<List<Path>> files) {
        try {
            ObjC objc = Native.load("objc", ObjC.class);
            ObjCCount count = Native.load("objc", ObjCCount.class);
            ServiceMethod method = (self, sel, pasteboard, userData, error) -> {
                try {
                    List<Path> paths = paths(objc, count, pasteboard);
                    if (!paths.isEmpty()) {
                        files.accept(paths);
                    }
                } catch (RuntimeException | Error e) {
                    // never let an exception cross into AppKit
                }
            };
            Pointer cls = objc.objc_getClass("QRBeamServicesProvider");
            if (cls == null) {
                cls = objc.objc_allocateClassPair(
                        objc.objc_getClass("NSObject"), "QRBeamServicesProvider", new NativeLong(0));
                objc.class_addMethod(cls, objc.sel_registerName(MESSAGE + ":userData:error:"), method, "v@:@@^@");
                objc.objc_registerClassPair(cls);
            }
            Pointer provider = objc.objc_msgSend(
                    objc.objc_msgSend(cls, objc.sel_registerName("alloc")), objc.sel_registerName("init"));
            Pointer app =
                    objc.objc_msgSend(objc.objc_getClass("NSApplication"), objc.sel_registerName("sharedApplication"));
            objc.objc_msgSend(app, objc.sel_registerName("setServicesProvider:"), provider);
            KEEP_ALIVE.add(method);
            KEEP_ALIVE.add(provider);
            return true;
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** The file paths on the service pasteboard (NSFilenamesPboardType: an array of path strings). */
    private static List<Path> paths(ObjC objc, ObjCCount count, Pointer pasteboard) {
        Pointer type = objc.objc_msgSend(
                objc.objc_getClass("NSString"),
                objc.sel_registerName("stringWithUTF8String:"),
                "NSFilenamesPboardType");
        Pointer array = objc.objc_msgSend(pasteboard, objc.sel_registerName("propertyListForType:"), type);
        List<Path> out = new ArrayList<>();
        if (array == null) {
            return out;
        }
        long n = count.objc_msgSend(array, objc.sel_registerName("count")).longValue();
        for (long i = 0; i < n && i < 10_000; i++) {
            Pointer name = objc.objc_msgSend(array, objc.sel_registerName("objectAtIndex:"), new NativeLong(i));
            Pointer utf8 = name == null ? null : objc.objc_msgSend(name, objc.sel_registerName("UTF8String"));
            if (utf8 != null) {
                out.add(Path.of(utf8.getString(0, "UTF-8")));
            }
        }
        return out;
    }
}
