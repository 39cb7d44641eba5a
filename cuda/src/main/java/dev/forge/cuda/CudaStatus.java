package dev.forge.cuda;

/**
 * Whether this process can use a CUDA GPU, and if not, one sentence saying why.
 *
 * @param driverVersion the driver's CUDA version as reported (e.g. 13000 for 13.0), 0 when unknown
 */
public record CudaStatus(boolean available, int deviceCount, int driverVersion, String reason) {

    static CudaStatus available(int deviceCount, int driverVersion) {
        return new CudaStatus(true, deviceCount, driverVersion, "");
    }

    static CudaStatus unavailable(int driverVersion, String reason) {
        return new CudaStatus(false, 0, driverVersion, reason);
    }

    /** The driver version as "major.minor". */
    public String driverVersionText() {
        return driverVersion / 1000 + "." + (driverVersion % 1000) / 10;
    }
}
