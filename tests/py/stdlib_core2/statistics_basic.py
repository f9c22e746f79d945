# statistics: mean, median, mode, stdev, variance, quantiles.
import statistics as st
data = [2, 4, 4, 4, 5, 5, 7, 9]
print(st.mean(data), st.median(data), st.mode(data), st.pstdev(data), st.pvariance(data))
print(st.stdev(data), st.variance([1.5, 2.5, 2.5, 2.75, 3.25, 4.75]), st.median_low([1, 3, 5, 7]), st.median_high([1, 3, 5, 7]))
print(st.quantiles(range(1, 11), n=4), st.fmean([1, 2, 3.5]), st.geometric_mean([1, 4]), st.harmonic_mean([40, 60]))
print(st.multimode('aabbc'), st.mean([1, 2, 3, 4]))
try:
    st.mean([])
except st.StatisticsError as e:
    print(e)
