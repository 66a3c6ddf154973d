package dev.qrbeam.app.scan;

import java.util.List;

/** Lists the cameras and hands out a {@link FrameSource} for one of them. Calls may block; never on the FX thread. */
interface CameraCatalog {
    /** Camera names, possibly empty; throws when the driver fails or times out. */
    List<String> cameraNames() throws CameraException;

    /** A closed source for the named camera. */
    FrameSource source(String name) throws CameraException;
}
